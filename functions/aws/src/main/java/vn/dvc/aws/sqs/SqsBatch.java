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
import vn.dvc.aws.logging.Observability;

/**
 * Partial batch responses for SQS consumers ({@code ReportBatchItemFailures}): each record is handled on its own;
 * a transient failure returns only that record to the queue (its redrive policy moves it to the DLQ after the
 * last attempt); a {@link PermanentFailure} is sent to the DLQ at once with its reason as message attributes
 * and is not retried.
 */
public final class SqsBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    private final String deadLetterQueueUrl;
    private final SqsClient sqs;

    public SqsBatch(String deadLetterQueueUrl) {
        this(deadLetterQueueUrl, null);
    }

    public SqsBatch(String deadLetterQueueUrl, SqsClient sqs) {
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.sqs = sqs;
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
