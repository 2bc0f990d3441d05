package vn.dvc.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.dvc.aws.config.Env;

/**
 * One client per service per JVM, built on first use with the light url-connection HTTP client.
 * Endpoints come only from the SDK's standard settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_S3},
 * {@code aws.endpointUrl...}); there is no "local mode". When an S3 endpoint is overridden (LocalStack, moto,
 * the embedded engines) path-style addressing is used, because such engines do not serve bucket sub-domains.
 *
 * <p>Every client's retries are bounded (issue 10): the SDK's default policy for DynamoDB is 9 attempts with a
 * throttling back-off of up to 20 s each, so a throttled table kept one request busy for more than a minute, past
 * the functions' 15 s timeout and API Gateway's 30 s integration limit (the caller got no answer in the error shape,
 * the invocation was billed to its timeout). Now: standard retries, {@link #MAX_ATTEMPTS} attempts (at most ~3 s of
 * back-off), so a persistent fault surfaces to the handler within seconds and its event source (or the client, after
 * a 5xx) retries the step. Each attempt and the whole call can be capped too ({@code SDK_ATTEMPT_TIMEOUT_MS},
 * {@code SDK_CALL_TIMEOUT_MS}, milliseconds; unset by default).
 */
public final class AwsClients {
    private static volatile SdkHttpClient http;
    private static volatile DynamoDbClient dynamo;
    private static volatile S3Client s3;
    private static volatile S3Presigner presigner;
    private static volatile SqsClient sqs;

    /** Attempts per call (the first and two retries). */
    public static final int MAX_ATTEMPTS = 3;

    private AwsClients() {}

    /** The bounded retry and timeout settings every client of the functions uses. */
    public static ClientOverrideConfiguration overrides() {
        var builder = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build());
        // optional caps (unset: the HTTP client's own timeouts); tight defaults failed slow local engines under load
        long attempt = Env.getLong("SDK_ATTEMPT_TIMEOUT_MS", 0);
        long call = Env.getLong("SDK_CALL_TIMEOUT_MS", 0);
        if (attempt > 0) {
            builder.apiCallAttemptTimeout(Duration.ofMillis(attempt));
        }
        if (call > 0) {
            builder.apiCallTimeout(Duration.ofMillis(call));
        }
        return builder.build();
    }

    private static SdkHttpClient http() {
        if (http == null) {
            synchronized (AwsClients.class) {
                if (http == null) {
                    http = UrlConnectionHttpClient.create();
                }
            }
        }
        return http;
    }

    public static DynamoDbClient dynamo() {
        if (dynamo == null) {
            synchronized (AwsClients.class) {
                if (dynamo == null) {
                    dynamo = DynamoDbClient.builder().httpClient(http()).overrideConfiguration(overrides()).build();
                }
            }
        }
        return dynamo;
    }

    public static S3Client s3() {
        if (s3 == null) {
            synchronized (AwsClients.class) {
                if (s3 == null) {
                    s3 = S3Client.builder().httpClient(http()).overrideConfiguration(overrides()).forcePathStyle(s3EndpointOverride() != null).build();
                }
            }
        }
        return s3;
    }

    public static S3Presigner presigner() {
        if (presigner == null) {
            synchronized (AwsClients.class) {
                if (presigner == null) {
                    String endpoint = s3EndpointOverride();
                    var builder = S3Presigner.builder().serviceConfiguration(
                            S3Configuration.builder().pathStyleAccessEnabled(endpoint != null).build());
                    if (endpoint != null) {
                        builder.endpointOverride(URI.create(endpoint));
                    }
                    presigner = builder.build();
                }
            }
        }
        return presigner;
    }

    public static SqsClient sqs() {
        if (sqs == null) {
            synchronized (AwsClients.class) {
                if (sqs == null) {
                    sqs = SqsClient.builder().httpClient(http()).overrideConfiguration(overrides()).build();
                }
            }
        }
        return sqs;
    }

    /** The S3 endpoint from the SDK's standard settings, most specific first; null on real AWS. */
    public static String s3EndpointOverride() {
        String endpoint = Env.get("aws.endpointUrlS3");
        if (endpoint == null) endpoint = Env.get("AWS_ENDPOINT_URL_S3");
        if (endpoint == null) endpoint = Env.get("aws.endpointUrl");
        if (endpoint == null) endpoint = Env.get("AWS_ENDPOINT_URL");
        return endpoint;
    }

    /** Forget all clients (tests that switch engines within one JVM). */
    public static synchronized void reset() {
        dynamo = null;
        s3 = null;
        presigner = null;
        sqs = null;
    }
}
