package vn.dvc.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * AWS-compatible engines in this JVM on loopback: DynamoDB Local (Amazon's own), ElasticMQ (SQS) and S3Proxy (S3).
 * When {@code AWS_ENDPOINT_URL} is already set (LocalStack, moto), nothing is started and that engine is used.
 * Either way the endpoints reach the code only through the SDK's standard system properties.
 */
public final class Engines implements AutoCloseable {
    public static final String REGION = "ap-southeast-1";
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    private DynamoDBProxyServer dynamo;
    private SQSRestServer sqs;
    private S3Proxy s3;
    private final String dynamoEndpoint;
    private final String sqsEndpoint;
    private final String s3Endpoint;
    private final boolean external;

    private Engines(String dynamoEndpoint, String sqsEndpoint, String s3Endpoint, boolean external) {
        this.dynamoEndpoint = dynamoEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.s3Endpoint = s3Endpoint;
        this.external = external;
    }

    /** Starts the embedded engines, or adopts the external one named by AWS_ENDPOINT_URL. */
    public static Engines start() {
        String external = System.getenv("AWS_ENDPOINT_URL");
        Engines engines;
        if (external != null && !external.isBlank()) {
            engines = new Engines(external, external, external, true);
        } else {
            engines = startEmbedded();
        }
        engines.publish();
        return engines;
    }

    private static Engines startEmbedded() {
        try {
            int dynamoPort = freePort();
            DynamoDBProxyServer dynamo = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"});
            dynamo.start();

            SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                    .withAWSRegion(REGION).withAWSAccountId("000000000000").start();
            int sqsPort = sqs.waitUntilStarted().localAddress().getPort();

            int s3Port = freePort();
            S3Proxy s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            s3.start();
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(10);
            }
            Engines engines = new Engines("http://127.0.0.1:" + dynamoPort, "http://127.0.0.1:" + sqsPort,
                    "http://127.0.0.1:" + s3Port, false);
            engines.dynamo = dynamo;
            engines.sqs = sqs;
            engines.s3 = s3;
            return engines;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded engines", e);
        }
    }

    private void publish() {
        System.setProperty("aws.region", REGION);
        if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
        }
        System.setProperty("aws.endpointUrlDynamoDb", dynamoEndpoint);
        System.setProperty("aws.endpointUrlSqs", sqsEndpoint);
        System.setProperty("aws.endpointUrlS3", s3Endpoint);
    }

    public String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public String sqsEndpoint() {
        return sqsEndpoint;
    }

    public String s3Endpoint() {
        return s3Endpoint;
    }

    public boolean external() {
        return external;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            if (s3 != null) s3.stop();
        } catch (Exception ignored) {
            // shutting down
        }
        if (sqs != null) sqs.stopAndWait();
        try {
            if (dynamo != null) dynamo.stop();
        } catch (Exception ignored) {
            // shutting down
        }
    }
}
