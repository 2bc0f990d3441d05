package vn.dvc.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping: long-polls one queue, hands batches to the function, deletes what succeeded and
 * honours {@code ReportBatchItemFailures}. Failed messages stay on the queue; the queue's redrive policy moves them
 * to the DLQ after maxReceiveCount receives. Locally a failed message becomes visible again after
 * {@code retrySeconds} instead of the full visibility timeout, so retries are seen in seconds; with
 * {@code retrySeconds} 0 the visibility the function set (its own backoff) stands, as it does on AWS.
 */
final class QueuePoller implements Runnable {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final String functionId;
    private final FunctionHost functions;
    private final int retrySeconds;
    private volatile boolean running = true;

    QueuePoller(SqsClient sqs, String queueUrl, String queueArn, int batchSize, String functionId, FunctionHost functions,
                int retrySeconds) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = Math.min(10, Math.max(1, batchSize));
        this.functionId = functionId;
        this.functions = functions;
        this.retrySeconds = retrySeconds;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(1).messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
                if (messages.isEmpty()) {
                    continue;
                }
                deliver(messages);
            } catch (RuntimeException e) {
                if (running) {
                    sleep(500);
                }
            }
        }
    }

    private void deliver(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            r.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            m.messageAttributes().forEach((k, v) -> {
                SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
                a.setDataType(v.dataType());
                a.setStringValue(v.stringValue());
                messageAttributes.put(k, a);
            });
            r.setMessageAttributes(messageAttributes);
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion(Engines.REGION);
            records.add(r);
        }
        event.setRecords(DeliveryChaos.shuffled(records));
        Set<String> failed = new HashSet<>();
        try {
            Object result = functions.invoke(functionId, event);
            if (result instanceof SQSBatchResponse response && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            messages.forEach(m -> failed.add(m.messageId()));
        }
        if (DeliveryChaos.enabled()) { // reliability (issue 10): the whole batch again, in another order
            SQSEvent again = new SQSEvent();
            again.setRecords(DeliveryChaos.shuffled(records));
            DeliveryChaos.counted("sqs:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1), records.size());
            try {
                functions.invoke(functionId, again);
            } catch (RuntimeException ignored) {
                // the first delivery decides what is retried
            }
        }
        for (Message m : messages) {
            if (failed.contains(m.messageId())) {
                if (retrySeconds <= 0) {
                    continue;
                }
                try {
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(retrySeconds));
                } catch (RuntimeException ignored) {
                    // it becomes visible after the queue's timeout anyway
                }
            } else {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    static int approximateReceiveCount(Message m) {
        String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
