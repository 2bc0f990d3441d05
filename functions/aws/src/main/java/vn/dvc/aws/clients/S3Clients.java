package vn.dvc.aws.clients;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.dvc.aws.Priming;
import vn.dvc.aws.config.Env;

/**
 * The S3 client and presigner of this JVM, built on first use. When an S3 endpoint is overridden (LocalStack, moto,
 * the embedded engines) path-style addressing is used, because such engines do not serve bucket sub-domains.
 */
public final class S3Clients {
    private static volatile S3Client s3;
    private static volatile S3Presigner presigner;

    private S3Clients() {}

    public static S3Client s3() {
        if (s3 == null) {
            synchronized (S3Clients.class) {
                if (s3 == null) {
                    s3 = S3Client.builder().httpClient(SharedHttp.client()).overrideConfiguration(SharedHttp.overrides()).forcePathStyle(s3EndpointOverride() != null).build();
                }
            }
        }
        return s3;
    }

    public static S3Presigner presigner() {
        if (presigner == null) {
            synchronized (S3Clients.class) {
                if (presigner == null) {
                    String endpoint = s3EndpointOverride();
                    var builder = S3Presigner.builder().serviceConfiguration(
                            S3Configuration.builder().pathStyleAccessEnabled(endpoint != null).build());
                    if (endpoint != null) {
                        builder.endpointOverride(URI.create(endpoint));
                    }
                    S3Presigner built = builder.build();
                    presigner = built;
                    // SnapStart: one presigned PUT (endpoint rules, SigV4; computed locally)
                    Priming.register(() -> built.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(1))
                            .putObjectRequest(p -> p.bucket(Env.get("DOCUMENT_BUCKET", "prime")).key("prime/prime.pdf")
                                    .contentType("application/pdf"))));
                }
            }
        }
        return presigner;
    }

    /** The S3 endpoint from the SDK's standard settings, most specific first; null on real AWS. */
    public static String s3EndpointOverride() {
        String endpoint = Env.get("aws.endpointUrlS3");
        if (endpoint == null) endpoint = Env.get("AWS_ENDPOINT_URL_S3");
        if (endpoint == null) endpoint = Env.get("aws.endpointUrl");
        if (endpoint == null) endpoint = Env.get("AWS_ENDPOINT_URL");
        return endpoint;
    }

    /** Forget the clients (tests that switch engines within one JVM). */
    public static synchronized void reset() {
        s3 = null;
        presigner = null;
    }
}
