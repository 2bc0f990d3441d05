package vn.dvc.local;

import java.util.concurrent.CountDownLatch;

/**
 * {@code mvn -pl local exec:java}: the whole suite on localhost:3000 with seeded demo data. Ctrl-C stops it.
 */
public final class LocalRunner {
    private LocalRunner() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        int port = Integer.parseInt(System.getProperty("port", System.getenv().getOrDefault("PORT", "3000")));
        LocalSuite suite = LocalSuite.start(port);
        DemoData.seed(suite);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println();
        System.out.println("dvc-serverless is running on " + suite.baseUrl() + " (started in " + millis + " ms)");
        System.out.println("  engines: DynamoDB " + suite.engines().dynamoEndpoint() + ", SQS " + suite.engines().sqsEndpoint()
                + ", S3 " + suite.engines().s3Endpoint());
        System.out.println("  token:   curl -s -X POST " + suite.baseUrl() + "/_local/token -d '{\"role\":\"CITIZEN\",\"personalId\":\"001090000001\"}'");
        System.out.println("  board:   " + suite.baseUrl() + "/board/ (monitoring board, issue 11; sign in with a demo role)");
        System.out.println("  Ctrl-C stops it.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping...");
            suite.close();
            stop.countDown();
        }));
        stop.await();
    }
}
