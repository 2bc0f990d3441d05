package vn.dvc.aws.clients;

import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client of this JVM, built on first use (endpoint from the SDK's standard settings). */
public final class SqsClients {
    private static volatile SqsClient sqs;

    private SqsClients() {}

    public static SqsClient sqs() {
        if (sqs == null) {
            synchronized (SqsClients.class) {
                if (sqs == null) {
                    sqs = SqsClient.builder().httpClient(SharedHttp.client()).overrideConfiguration(SharedHttp.overrides()).build();
                }
            }
        }
        return sqs;
    }

    /** Forget the client (tests that switch engines within one JVM). */
    public static synchronized void reset() {
        sqs = null;
    }
}
