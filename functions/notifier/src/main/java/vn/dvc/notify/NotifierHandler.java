package vn.dvc.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.clients.SqsClients;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.notify.DynamoAgencyInbox;
import vn.dvc.aws.notify.DynamoDeliveryLog;
import vn.dvc.aws.notify.NotificationChannels;
import vn.dvc.aws.sqs.DossierMessage;
import vn.dvc.aws.sqs.PermanentFailure;
import vn.dvc.aws.sqs.SqsBatch;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.notify.DeliveryRetryException;
import vn.dvc.core.notify.NotificationEvent;
import vn.dvc.core.notify.Notifier;

/**
 * notifier (SQS {@code NotifyQueue}, partial batch failures): one message per committed status change, from the
 * stream router ({@code {"type":"DossierStatusChanged","dossierCode","version","to","at"}}); the monitoring step may
 * send {@code {"type":"DossierNotice","event":"OVERDUE",...}} for events that are not status changes.
 * The {@link Notifier} tells the citizen on their channels and posts the agency's notice.
 *
 * <p>Outcomes per record: sent or already sent -> done; a temporary failure -> reported as a batch item failure
 * with its visibility timeout set for exponential backoff (the redrive policy ends it in the DLQ after the last
 * attempt); a malformed message, an unknown dossier or event -> the DLQ at once with its reason.
 */
public class NotifierHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierHandler.class);

    /**
     * Exponential backoff by receive count: {@code firstSeconds}, twice that, ... up to {@code maxSeconds}. Production
     * uses 30 s .. 15 min (template parameters); the local suite shortens both so a test sees a retry in seconds.
     */
    public record Backoff(int firstSeconds, int maxSeconds) {
        public static final Backoff PRODUCTION = new Backoff(30, 900);

        static Backoff fromEnvironment() {
            return new Backoff((int) Env.getLong("NOTIFY_RETRY_FIRST_SECONDS", PRODUCTION.firstSeconds()),
                    (int) Env.getLong("NOTIFY_RETRY_MAX_SECONDS", PRODUCTION.maxSeconds()));
        }

        int seconds(int receiveCount) {
            long seconds = (long) firstSeconds << Math.min(20, Math.max(0, receiveCount - 1));
            return (int) Math.min(maxSeconds, seconds);
        }
    }

    private final Notifier notifier;
    private final SqsBatch batch;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Backoff backoff;

    public NotifierHandler() {
        this(notifierFromEnvironment(), SqsBatch.fromEnvironment("NOTIFY"), null, Env.get("NOTIFY_QUEUE_URL"),
                Backoff.fromEnvironment());
    }

    /**
     * @param batch knows the queue's maxReceiveCount: its last receive falls back to the next channel
     * @param sqs the client for visibility changes (null: the shared one); {@code queueUrl} null: no backoff change
     */
    public NotifierHandler(Notifier notifier, SqsBatch batch, SqsClient sqs, String queueUrl, Backoff backoff) {
        this.notifier = notifier;
        this.batch = batch;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoff = backoff;
    }

    private static Notifier notifierFromEnvironment() {
        String table = Env.require("DOSSIER_TABLE");
        var dynamo = DynamoClients.dynamo();
        return new Notifier(new DynamoDossierStore(dynamo, table), new DynamoDeliveryLog(dynamo, table),
                new DynamoAgencyInbox(dynamo, table), NotificationChannels.fromEnvironment(dynamo, table),
                ProcedureCatalog.bundled(), Clock.systemUTC());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> batch.process(event, this::handle));
    }

    private void handle(SQSEvent.SQSMessage message) {
        DossierMessage m = DossierMessage.parse(message);
        String code = m.dossierCode();
        long version = m.version();
        Instant at = m.at();
        boolean last = batch.lastReceive(message);
        Notifier.Outcome outcome;
        try {
            outcome = switch (m.type()) {
                case "DossierStatusChanged" -> notifier.notify(code, version, m.status("to", false), at, last);
                case "DossierNotice" -> notifier.notify(code, version, event(m.text("event")), at, last);
                default -> throw new PermanentFailure("UNKNOWN_MESSAGE_TYPE", "type must be DossierStatusChanged or DossierNotice");
            };
        } catch (PermanentFailure e) {
            throw e;
        } catch (DeliveryRetryException e) {
            // on the last receive SqsBatch dead-letters it with the reason (the redrive policy would give none)
            if (!last) {
                hide(message, e.notBefore().toSeconds());
            }
            LOG.warn("dossier {} v{} notification to retry: {}", code, version, e.reason());
            throw e;
        } catch (RuntimeException e) { // a store or channel error: retried with the same backoff
            if (!last) {
                hide(message, 0);
            }
            throw e;
        }
        switch (outcome) {
            case NOT_FOUND -> throw new PermanentFailure("DOSSIER_NOT_FOUND", "no dossier " + code);
            case VERSION_AHEAD -> throw new PermanentFailure("VERSION_AHEAD", "dossier " + code + " has no version " + version + " yet");
            case UNDELIVERABLE -> LOG.warn("dossier {} v{}: no channel could deliver the notification", code, version);
            default -> LOG.info("dossier {} v{} notification {}", code, version, outcome);
        }
    }

    private static NotificationEvent event(String name) {
        try {
            return NotificationEvent.valueOf(name);
        } catch (RuntimeException e) {
            throw new PermanentFailure("UNKNOWN_EVENT", "unknown event " + name);
        }
    }

    /**
     * Hides the message for its backoff, and never before {@code notBeforeSeconds} (another attempt's lease): the
     * event source mapping only returns it to the queue, the visibility timeout decides when it is seen again.
     */
    private void hide(SQSEvent.SQSMessage message, long notBeforeSeconds) {
        if (queueUrl == null || message.getReceiptHandle() == null) {
            return;
        }
        int seconds = (int) Math.min(43_200, Math.max(backoff.seconds(SqsBatch.receiveCount(message)), notBeforeSeconds));
        try {
            (sqs != null ? sqs : SqsClients.sqs()).changeMessageVisibility(b -> b.queueUrl(queueUrl)
                    .receiptHandle(message.getReceiptHandle()).visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            // the queue's own visibility timeout applies instead
            LOG.warn("could not set backoff for message {}: {}", message.getMessageId(), e.toString());
        }
    }
}
