package vn.dvc.aws.processing;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import vn.dvc.core.processing.ResultSigner;

/**
 * Signs result digests with an asymmetric AWS KMS key (key spec ECC_NIST_P256, usage SIGN_VERIFY): {@code Sign}
 * and {@code Verify} with message type DIGEST and ECDSA_SHA_256, so the document never leaves S3 and the private
 * key never leaves KMS. The key id stored with a signature is the key ARN KMS reports.
 *
 * <p>The {@code kms} SDK module is an optional dependency of this module: only the functions that sign or verify
 * declare it, so the others' jars stay small.
 */
public final class KmsResultSigner implements ResultSigner {
    private final KmsClient kms;
    private final String keyArn;

    public KmsResultSigner(KmsClient kms, String keyArn) {
        this.kms = kms;
        this.keyArn = keyArn;
    }

    @Override
    public Signature sign(byte[] sha256Digest) {
        var response = kms.sign(b -> b.keyId(keyArn).message(SdkBytes.fromByteArray(sha256Digest))
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
        return new Signature(response.keyId(), ALGORITHM, response.signature().asByteArray());
    }

    @Override
    public boolean verify(String keyId, byte[] sha256Digest, byte[] signature) {
        if (keyId == null || !keyId.equals(keyArn)) {
            return false; // only our own key vouches for a result
        }
        try {
            return kms.verify(b -> b.keyId(keyId).message(SdkBytes.fromByteArray(sha256Digest))
                    .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)
                    .signature(SdkBytes.fromByteArray(signature))).signatureValid();
        } catch (KmsInvalidSignatureException e) {
            return false;
        }
    }
}
