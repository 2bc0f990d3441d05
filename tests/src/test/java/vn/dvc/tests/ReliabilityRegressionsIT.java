package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.sqs.SqsBatch;

/**
 * Defects the reliability suites (issue 10) found, each pinned where a unit test cannot reach the route glue.
 * (The SDK retry budget is pinned by {@code functions/aws AwsClientsTest}.)
 */
@ExtendWith(Suite.class)
class ReliabilityRegressionsIT {
    private final Api api = Suite.api();

    /** HostileInputIT: {@code GET /me/documents?limit=-1&cursor=%%%} answered 200, ignoring the paging. */
    @Test
    void theDocumentStoreRefusesMalformedPaging() {
        String citizen = api.citizen("001090000097");
        for (String query : new String[] {"limit=-1", "limit=0", "limit=201", "limit=abc", "cursor=%25%25%25", "limit=5&cursor=x"}) {
            Api.Response r = api.get("/me/documents?" + query, citizen);
            assertEquals(400, r.status(), query + ": " + r.body());
            assertEquals(r.json().path("code").asText().startsWith("BAD_"), true, r.body());
        }
        assertEquals(200, api.get("/me/documents?limit=5", citizen).status());
        assertEquals(200, api.get("/me/documents", citizen).status());
    }

    /**
     * FaultsIT (CI, 2026-11-23): a message that failed transiently on its queue's last receive was moved by the
     * redrive policy with no reason. SqsBatch now dead-letters it itself on that receive.
     */
    @Test
    void aMessageFailingOnItsLastReceiveReachesTheDlqWithItsReason() {
        var sqs = AwsClients.sqs();
        String dlq = sqs.createQueue(b -> b.queueName("last-receive-it-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        try {
            SqsBatch batch = new SqsBatch(dlq, 3);
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(message("m-second", 2), message("m-last", 3)));
            var response = batch.process(event, m -> {
                throw new IllegalStateException("register unavailable");
            });
            assertEquals(List.of("m-second"), response.getBatchItemFailures().stream().map(f -> f.getItemIdentifier()).toList(),
                    "the earlier receive is retried, the last one is not returned to the queue");
            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(2)
                    .messageAttributeNames("All")).messages();
            assertEquals(1, dead.size());
            assertEquals("{\"n\":\"m-last\"}", dead.getFirst().body());
            assertEquals("RETRIES_EXHAUSTED", dead.getFirst().messageAttributes().get("reason").stringValue());
            assertTrue(dead.getFirst().messageAttributes().get("detail").stringValue().contains("register unavailable"));
            assertEquals("m-last", dead.getFirst().messageAttributes().get("sourceMessageId").stringValue());
        } finally {
            sqs.deleteQueue(b -> b.queueUrl(dlq));
        }
    }

    /**
     * FaultsIT (CI, 2026-11-23): an upload event the document processor failed on three times was dropped, and its
     * dossier stayed RECEIVED with nothing to explain it. The function now has a DeadLetterQueue, as Lambda's
     * asynchronous invocation would use it.
     */
    @Test
    void anUploadEventTheProcessorKeepsFailingOnLandsInTheUploadDlq() {
        String bucket = Suite.suite().names().bucketName("DocumentBucket");
        String dlq = Suite.suite().names().queueUrl("S3EventDLQ");
        // a well-formed key, so the processor gets as far as reading the dossier (a malformed one is ignored unread)
        String key = "uploads/T99.DLQ-991231-" + (1000 + new java.util.Random().nextInt(9000)) + "/to-khai/" + UUID.randomUUID();
        FaultInjector.enable(7L, 1.0, 1.0, "DocumentProcessorFunction"); // every call the processor makes fails, every attempt
        try {
            AwsClients.s3().putObject(b -> b.bucket(bucket).key(key).contentType("application/pdf"), RequestBody.fromBytes(Files.pdf()));
            Message dead = Api.await(() -> AwsClients.sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10)
                            .visibilityTimeout(0).waitTimeSeconds(1).messageAttributeNames("All")).messages().stream()
                            .filter(m -> m.body().contains(key)).findFirst().orElse(null),
                    m -> m != null, Duration.ofSeconds(60));
            assertNotNull(dead.messageAttributes().get("RequestID"));
            assertTrue(dead.messageAttributes().get("ErrorMessage").stringValue().contains("injected"),
                    dead.messageAttributes().get("ErrorMessage").stringValue());
            assertTrue(dead.body().contains("\"eventName\":\"ObjectCreated:Put\""), "the S3 event itself, to replay: " + dead.body());
        } finally {
            FaultInjector.disable();
            AwsClients.s3().deleteObject(b -> b.bucket(bucket).key(key));
        }
    }

    /** Each SQS consumer is told its queue's maxReceiveCount, the number its last receive is recognised by. */
    @Test
    void everyQueueConsumerKnowsItsQueuesMaxReceiveCount() {
        var template = Suite.suite().template();
        int consumers = 0;
        for (var f : template.functions()) {
            for (var e : f.events()) {
                if (!"SQS".equals(e.type())) {
                    continue;
                }
                consumers++;
                String queueId = (String) ((List<?>) ((Map<?, ?>) e.properties().get("Queue")).get("Fn::GetAtt")).get(0);
                Object max = ((Map<?, ?>) template.properties(queueId).get("RedrivePolicy")).get("maxReceiveCount");
                String declared = f.environment().entrySet().stream().filter(v -> v.getKey().endsWith("_MAX_RECEIVES"))
                        .map(v -> String.valueOf(v.getValue())).findFirst().orElse(null);
                assertEquals(String.valueOf(max), declared, f.logicalId() + " consuming " + queueId);
            }
        }
        assertEquals(4, consumers, "validation, fee, notify, stats");
    }

    private static SQSEvent.SQSMessage message(String id, int receiveCount) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody("{\"n\":\"" + id + "\"}");
        m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return m;
    }
}
