package vn.dvc.aws.processing;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import vn.dvc.aws.config.Env;
import vn.dvc.core.processing.LocalResultSigner;
import vn.dvc.core.processing.ResultSigner;

/**
 * The result signer from configuration: AWS KMS when {@code RESULT_SIGNING_KEY_ARN} is set (production, from the
 * template parameter), else the deterministic development key seeded by {@code RESULT_LOCAL_SIGNING_SEED}. A
 * deployed stack always sets the ARN (the parameter has no usable default), so the local key cannot sign real results.
 */
public final class ResultSigners {
    static final String LOCAL_SEED = "local-development-result-signing-key";
    private static volatile ResultSigner signer;

    private ResultSigners() {}

    public static ResultSigner fromEnv() {
        if (signer == null) {
            synchronized (ResultSigners.class) {
                if (signer == null) {
                    String arn = Env.get("RESULT_SIGNING_KEY_ARN");
                    signer = arn != null
                            ? new KmsResultSigner(KmsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), arn)
                            : new LocalResultSigner(Env.get("RESULT_LOCAL_SIGNING_SEED", LOCAL_SEED));
                }
            }
        }
        return signer;
    }
}
