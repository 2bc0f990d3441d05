package vn.dvc.aws.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import vn.dvc.aws.clients.SqsClients;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.logging.Observability;

/**
 * Partial batch responses for SQS consumers ({@code ReportBatchItemFailures}): each record is handled on its own;
 * a transient failure returns only that record to the queue; a {@link PermanentFailure} is sent to the DLQ at once
 * with its reason as message attributes and is not retried. A transient failure on the queue's last receive
 * ({@code maxReceives}, the redrive policy's maxReceiveCount) is dead-lettered here too, as RETRIES_EXHAUSTED with
 * the last error: the redrive policy would move it on the next receive with no reason at all.
 */
public final class SqsBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    private final String deadLetterQueueUrl;
    private final int maxReceives;
    private final SqsClient sqs;

    /** No last-receive handling: the redrive policy ends what keeps failing. */
    public SqsBatch(String deadLetterQueueUrl) {
        this(deadLetterQueueUrl, 0, null);
    }

    /** @param maxReceives the queue's maxReceiveCount (0: unknown, leave exhausted retries to the redrive policy) */
    public SqsBatch(String deadLetterQueueUrl, int maxReceives) {
        this(deadLetterQueueUrl, maxReceives, null);
    }

    public SqsBatch(String deadLetterQueueUrl, int maxReceives, SqsClient sqs) {
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.maxReceives = maxReceives;
        this.sqs = sqs;
    }

    /** The DLQ URL and maxReceiveCount from the variables {@code <prefix>_DLQ_URL} and {@code <prefix>_MAX_RECEIVES}. */
    public static SqsBatch fromEnvironment(String prefix) {
        return new SqsBatch(Env.get(prefix + "_DLQ_URL"),
                (int) Env.getLong(prefix + "_MAX_RECEIVES", 0));
    }

    /** Whether this receive of the message is the queue's last before its redrive policy takes it. */
    public boolean lastReceive(SQSEvent.SQSMessage message) {
        return maxReceives > 0 && receiveCount(message) >= maxReceives;
    }

    /** SQS's ApproximateReceiveCount (1 when the event does not carry it). */
    public static int receiveCount(SQSEvent.SQSMessage message) {
        try {
            return message.getAttributes() == null ? 1
                    : Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    public SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        int deadLettered = 0;
        for (SQSEvent.SQSMessage message : records) {
            try {
                handler.accept(message);
            } catch (PermanentFailure e) {
                if (deadLetter(message, e)) {
                    deadLettered++;
                } else {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            } catch (RuntimeException e) {
                if (lastReceive(message) && deadLetter(message, new PermanentFailure("RETRIES_EXHAUSTED",
                        "failed on all " + maxReceives + " receives, last: " + e))) {
                    deadLettered++;
                    continue;
                }
                LOG.warn("message {} failed, will be retried: {}", message.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        int dead = deadLettered;
        int total = records.size();
        int retried = failures.size();
        Observability.emit(m -> {
            m.addMetric("MessagesReceived", total, MetricUnit.COUNT);
            m.addMetric("MessagesRetried", retried, MetricUnit.COUNT);
            m.addMetric("MessagesDeadLettered", dead, MetricUnit.COUNT);
        });
        return new SQSBatchResponse(failures);
    }

    private boolean deadLetter(SQSEvent.SQSMessage message, PermanentFailure e) {
        if (deadLetterQueueUrl == null) {
            LOG.error("message {} is poisoned ({}) and no DLQ is configured; leaving it to the redrive policy",
                    message.getMessageId(), e.reasonCode());
            return false;
        }
        try {
            SqsClient client = sqs != null ? sqs : SqsClients.sqs();
            client.sendMessage(b -> b.queueUrl(deadLetterQueueUrl).messageBody(message.getBody()).messageAttributes(Map.of(
                    "reason", text(e.reasonCode()),
                    "detail", text(e.getMessage() == null ? "-" : e.getMessage()),
                    "sourceMessageId", text(message.getMessageId()),
                    "failedAt", text(Instant.now().toString()))));
            LOG.error("message {} sent to the DLQ: {}", message.getMessageId(), e.reasonCode());
            return true;
        } catch (RuntimeException sendFailure) {
            LOG.error("could not dead-letter message {}; it returns to the queue", message.getMessageId(), sendFailure);
            return false;
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
