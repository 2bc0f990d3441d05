package vn.dvc.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import vn.dvc.aws.clients.SqsClients;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dynamo.StreamImages;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.StepRouting;
import vn.dvc.core.json.Json;

/**
 * dossier-events (DynamoDB stream of the dossier table): the router. For each committed status change of a
 * dossier it sends one message per step queue that change feeds ({@link StepRouting}). Only committed changes
 * become work, so nothing is lost when a step fails after writing. A failed send reports that record as the
 * batch's first failure, so Lambda retries from it (records before it are not re-sent).
 */
public class DossierEventsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(DossierEventsHandler.class);
    private final SqsClient sqs;
    private final Map<StepRouting.Step, String> queues;

    public DossierEventsHandler() {
        this(SqsClients.sqs(), queuesFromEnvironment());
    }

    public DossierEventsHandler(SqsClient sqs, Map<StepRouting.Step, String> queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    /** {@code <STEP>_QUEUE_URL} for every step whose queue this deployment has. */
    static Map<StepRouting.Step, String> queuesFromEnvironment() {
        Map<StepRouting.Step, String> queues = new EnumMap<>(StepRouting.Step.class);
        for (StepRouting.Step step : StepRouting.Step.values()) {
            String url = Env.get(step.name() + "_QUEUE_URL");
            if (url != null) {
                queues.put(step, url);
            }
        }
        return queues;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> route(event));
    }

    private StreamsEventResponse route(DynamodbEvent event) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            try {
                routeOne(record);
            } catch (RuntimeException e) {
                LOG.warn("stream record {} not routed: {}", record.getEventID(), e.toString());
                failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
                break; // Lambda retries from the first failure; later records would be re-sent anyway
            }
        }
        return new StreamsEventResponse(failures);
    }

    private void routeOne(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> newImage = StreamImages.toSdk(record.getDynamodb().getNewImage());
        if (newImage == null || !"META".equals(text(newImage, "sk"))) {
            return;
        }
        Map<String, AttributeValue> oldImage = StreamImages.toSdk(record.getDynamodb().getOldImage());
        DossierStatus to = DossierStatus.valueOf(text(newImage, "status"));
        DossierStatus from = oldImage == null ? null : DossierStatus.valueOf(text(oldImage, "status"));
        List<StepRouting.Step> steps = StepRouting.stepsFor(from, to);
        // ---- issue 8: a dossier carried over from an old system is not news to its citizen (no notification for
        // the import itself); every later change notifies as usual
        if (oldImage == null && newImage.containsKey("importedFrom")) {
            steps = steps.stream().filter(s -> s != StepRouting.Step.NOTIFY).toList();
        }
        for (StepRouting.Step step : steps) {
            String url = queues.get(step);
            if (url == null) {
                continue; // that capability is not deployed
            }
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "DossierStatusChanged");
            message.put("eventId", record.getEventID());
            message.put("dossierCode", text(newImage, "code"));
            message.put("from", from == null ? null : from.name());
            message.put("to", to.name());
            message.put("version", Long.parseLong(newImage.get("version").n()));
            message.put("at", text(newImage, "updatedAt"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(Json.write(message)));
        }
        if (!steps.isEmpty()) {
            LOG.info("dossier {} {} -> {} routed to {}", text(newImage, "code"), from, to, steps);
        }
        // ---- monitoring (issue 8): the overdue flag (apology slip) and a rating are committed changes too
        if (raised(oldImage, newImage, "overdue")) {
            // flagged again after the agency's own new date was missed: the citizen hears of the new slip, but the
            // statistics counted this dossier's lateness when it was first flagged
            boolean again = oldImage != null && oldImage.get("overdueAt") != null;
            routeFlag(StepRouting.Flag.OVERDUE, record, newImage, again ? java.util.Set.of(StepRouting.Step.STATS) : java.util.Set.of());
        }
        if (newImage.get("ratingScore") != null && (oldImage == null || oldImage.get("ratingScore") == null)) {
            routeFlag(StepRouting.Flag.RATED, record, newImage, java.util.Set.of());
        }
        // issue 8: the agency set (or changed) its own new appointment date
        String appointment = text(newImage, "agencyNewDueAt");
        if (appointment != null && (oldImage == null || !appointment.equals(text(oldImage, "agencyNewDueAt")))) {
            routeFlag(StepRouting.Flag.RESCHEDULED, record, newImage, java.util.Set.of());
        }
    }

    private static boolean raised(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage, String flag) {
        AttributeValue now = newImage.get(flag);
        AttributeValue before = oldImage == null ? null : oldImage.get(flag);
        return now != null && Boolean.TRUE.equals(now.bool()) && (before == null || !Boolean.TRUE.equals(before.bool()));
    }

    private void routeFlag(StepRouting.Flag flag, DynamodbEvent.DynamodbStreamRecord record, Map<String, AttributeValue> newImage,
                           java.util.Set<StepRouting.Step> skip) {
        for (StepRouting.Step step : StepRouting.stepsForFlag(flag)) {
            String url = queues.get(step);
            if (url == null || skip.contains(step)) {
                continue;
            }
            Map<String, Object> message = new LinkedHashMap<>();
            if (flag == StepRouting.Flag.OVERDUE || flag == StepRouting.Flag.RESCHEDULED) {
                message.put("type", "DossierNotice");
                message.put("event", flag.name());
            } else {
                message.put("type", "DossierRated");
            }
            message.put("eventId", record.getEventID());
            message.put("dossierCode", text(newImage, "code"));
            message.put("version", Long.parseLong(newImage.get("version").n()));
            message.put("at", text(newImage, "updatedAt"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(Json.write(message)));
        }
        LOG.info("dossier {} {} routed to {}", text(newImage, "code"), flag, StepRouting.stepsForFlag(flag));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
