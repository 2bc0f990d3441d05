package vn.dvc.core.processing;

/**
 * Signs the SHA-256 digest of a result document with ECDSA P-256 (ECDSA_SHA_256 over a precomputed digest,
 * DER-encoded signature) and verifies such signatures. Production: AWS KMS {@code Sign}/{@code Verify} with an
 * asymmetric key whose ARN comes from the template; development: a local key ({@link LocalResultSigner}).
 */
public interface ResultSigner {
    String ALGORITHM = "ECDSA_SHA_256";

    Signature sign(byte[] sha256Digest);

    /** False for a wrong signature, digest or key id (never throws for a bad signature). */
    boolean verify(String keyId, byte[] sha256Digest, byte[] signature);

    /** A signature and the key that made it. */
    record Signature(String keyId, String algorithm, byte[] der) {}
}
