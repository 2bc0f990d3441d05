package vn.dvc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Regression (issue 10, found by the fault-injection suite): a persistently throttled DynamoDB kept one handler
 * call in the SDK's default retry loop (9 attempts, back-off up to 20 s each) for over a minute, past the
 * functions' timeout and API Gateway's 30 s limit. The functions' clients must give up after a few attempts.
 */
class AwsClientsTest {
    private HttpServer server;

    private DynamoDbClient clientAgainst(int status, String body, long delayMillis, AtomicInteger requests) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            try {
                exchange.sendResponseHeaders(status, out.length);
                exchange.getResponseBody().write(out);
            } catch (java.io.IOException gone) {
                // the client gave up on this attempt
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(AwsClients.overrides())
                .build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        System.clearProperty("SDK_ATTEMPT_TIMEOUT_MS");
        System.clearProperty("SDK_CALL_TIMEOUT_MS");
    }

    @Test
    void aPersistentlyThrottledTableFailsTheCallAfterABoundedNumberOfAttempts() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (DynamoDbClient dynamo = clientAgainst(400,
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"slow down\"}",
                0, requests)) {
            DynamoDbException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(DynamoDbException.class, () -> dynamo.getItem(b -> b.tableName("t")
                            .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))))));
            assertTrue(e.isThrottlingException(), e.toString());
            assertEquals(AwsClients.MAX_ATTEMPTS, requests.get(), "attempts against a throttled table");
        }
    }

    @Test
    void aHungEndpointIsAbandonedByTheCallTimeout() throws Exception {
        System.setProperty("SDK_ATTEMPT_TIMEOUT_MS", "200");
        System.setProperty("SDK_CALL_TIMEOUT_MS", "1000");
        AtomicInteger requests = new AtomicInteger();
        try (DynamoDbClient dynamo = clientAgainst(200, "{}", 5_000, requests)) {
            SdkException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(SdkException.class, () -> dynamo.describeLimits()));
            assertTrue(e.getClass().getSimpleName().contains("Timeout"), e.toString());
            assertTrue(requests.get() <= AwsClients.MAX_ATTEMPTS, "attempts: " + requests.get());
        }
    }
}
