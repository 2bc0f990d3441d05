package vn.dvc.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.clients.S3Clients;
import vn.dvc.aws.clients.SharedHttp;
import vn.dvc.aws.clients.SqsClients;

/**
 * One client per service per JVM, built on first use with the light url-connection HTTP client.
 * Endpoints come only from the SDK's standard settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_S3},
 * {@code aws.endpointUrl...}); there is no "local mode". When an S3 endpoint is overridden (LocalStack, moto,
 * the embedded engines) path-style addressing is used, because such engines do not serve bucket sub-domains.
 *
 * <p>Functions should call the per-service holders in {@link vn.dvc.aws.clients} instead: this class mentions every
 * service, so a function that uses it carries every SDK service in its jar (issue 9). Same instances either way.
 */
public final class AwsClients {
    /** Attempts per call (see {@link SharedHttp}). */
    public static final int MAX_ATTEMPTS = SharedHttp.MAX_ATTEMPTS;

    private AwsClients() {}

    /** The bounded retry and timeout settings every client of the functions uses. */
    public static software.amazon.awssdk.core.client.config.ClientOverrideConfiguration overrides() {
        return SharedHttp.overrides();
    }

    public static DynamoDbClient dynamo() {
        return DynamoClients.dynamo();
    }

    public static S3Client s3() {
        return S3Clients.s3();
    }

    public static S3Presigner presigner() {
        return S3Clients.presigner();
    }

    public static SqsClient sqs() {
        return SqsClients.sqs();
    }

    /** The S3 endpoint from the SDK's standard settings, most specific first; null on real AWS. */
    public static String s3EndpointOverride() {
        return S3Clients.s3EndpointOverride();
    }

    /** Forget all clients (tests that switch engines within one JVM). */
    public static synchronized void reset() {
        DynamoClients.reset();
        S3Clients.reset();
        SqsClients.reset();
    }
}
