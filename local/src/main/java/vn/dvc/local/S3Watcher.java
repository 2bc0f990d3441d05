package vn.dvc.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import vn.dvc.core.json.Json;

/**
 * S3 event notifications for the local engines, which send none: watches a bucket (under the event's prefix
 * filter) and turns every new or replaced object into an {@code ObjectCreated:Put} event for the function, retried
 * twice on failure like Lambda's asynchronous invocation; an event that still fails goes to the function's
 * {@code DeadLetterQueue} with Lambda's attributes (RequestID, ErrorCode, ErrorMessage), never silently dropped.
 * Works the same with S3Proxy, moto or LocalStack.
 */
final class S3Watcher implements Runnable {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String functionId;
    private final FunctionHost functions;
    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final Map<String, String> seen = new HashMap<>();
    private volatile boolean running = true;

    /** @param deadLetterQueueUrl the function's DeadLetterQueue (null: none declared, a failed event is logged only) */
    S3Watcher(S3Client s3, String bucket, String prefix, String functionId, FunctionHost functions, SqsClient sqs,
              String deadLetterQueueUrl) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.functionId = functionId;
        this.functions = functions;
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                scan();
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                sleepQuietly(500);
            }
        }
    }

    private void scan() {
        Set<String> present = new HashSet<>();
        List<S3Object> fresh = new java.util.ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            present.add(object.key());
            String fingerprint = object.eTag() + "@" + object.lastModified() + "#" + object.size();
            if (fingerprint.equals(seen.get(object.key()))) {
                continue;
            }
            seen.put(object.key(), fingerprint);
            fresh.add(object);
        }
        if (DeliveryChaos.enabled()) { // reliability (issue 10): each event twice, out of order
            fresh = DeliveryChaos.shuffled(fresh);
        }
        fresh.forEach(this::notify);
        if (DeliveryChaos.enabled() && !fresh.isEmpty()) {
            DeliveryChaos.counted("s3", fresh.size());
            for (S3Object object : DeliveryChaos.shuffled(fresh)) {
                try {
                    functions.invoke(functionId, event(bucket, object.key(), object.size(), object.eTag()));
                } catch (RuntimeException ignored) {
                    // the first delivery decides what is retried
                }
            }
        }
        seen.keySet().retainAll(present);
    }

    private void notify(S3Object object) {
        S3Event event = event(bucket, object.key(), object.size(), object.eTag());
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            if (attempt > 0) {
                sleepQuietly(1000);
            }
            try {
                functions.invoke(functionId, event);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        deadLetter(object, last);
    }

    /** What Lambda does with an asynchronous event whose retries are spent: the event to the DLQ, the error beside it. */
    private void deadLetter(S3Object object, RuntimeException error) {
        String errorMessage = String.valueOf(error.getMessage());
        System.err.printf("local: %s failed 3 times on s3://%s/%s: %s%n", functionId, bucket, object.key(), errorMessage);
        if (deadLetterQueueUrl == null) {
            return;
        }
        String body = Json.write(Map.of("Records", List.of(Map.of(
                "eventVersion", "2.1", "eventSource", "aws:s3", "awsRegion", Engines.REGION,
                "eventTime", java.time.Instant.now().toString(), "eventName", "ObjectCreated:Put",
                "s3", Map.of("s3SchemaVersion", "1.0", "configurationId", "local-upload",
                        "bucket", Map.of("name", bucket, "arn", "arn:aws:s3:::" + bucket),
                        "object", Map.of("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"),
                                "size", object.size(), "eTag", object.eTag() == null ? "" : object.eTag().replace("\"", "")))))));
        try {
            sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl).messageBody(body).messageAttributes(Map.of(
                    "RequestID", text(java.util.UUID.randomUUID().toString()),
                    "ErrorCode", text("200"), // the invoke succeeded; the function's error is in ErrorMessage
                    "ErrorMessage", text(errorMessage.length() > 1000 ? errorMessage.substring(0, 1000) : errorMessage))));
        } catch (RuntimeException e) {
            System.err.printf("local: could not dead-letter the event for s3://%s/%s: %s%n", bucket, object.key(), e);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value.isEmpty() ? "-" : value).build();
    }

    /** An S3 ObjectCreated:Put event as S3 sends it (keys URL-encoded). */
    static S3Event event(String bucket, String key, long size, String eTag) {
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket,
                new S3EventNotification.UserIdentityEntity("local"), "arn:aws:s3:::" + bucket);
        var objectEntity = new S3EventNotification.S3ObjectEntity(
                URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"), size,
                eTag == null ? null : eTag.replace("\"", ""), null, Long.toHexString(System.nanoTime()));
        var s3Entity = new S3EventNotification.S3Entity("local-upload", bucketEntity, objectEntity, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord(Engines.REGION, "ObjectCreated:Put", "aws:s3",
                java.time.Instant.now().toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("local", "local"), s3Entity,
                new S3EventNotification.UserIdentityEntity("local"));
        return new S3Event(List.of(record));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
