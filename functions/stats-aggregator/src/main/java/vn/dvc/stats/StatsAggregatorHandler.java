package vn.dvc.stats;

import vn.dvc.aws.clients.DynamoClients;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.logging.Observability;
import vn.dvc.aws.sqs.DossierMessage;
import vn.dvc.aws.sqs.PermanentFailure;
import vn.dvc.aws.sqs.SqsBatch;
import vn.dvc.aws.stats.DynamoStatsStore;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.stats.StatsAggregator;

/**
 * stats-aggregator (SQS {@code StatsQueue} from the stream router, partial batch failures): counts each committed
 * dossier change once. Messages: {@code {"type":"DossierStatusChanged","dossierCode","from","to","version","at"}},
 * {@code {"type":"DossierNotice","event":"OVERDUE",...}} (flagged by the SLA monitor) and
 * {@code {"type":"DossierRated",...}}. A redelivered or duplicated message finds its dedupe marker and counts
 * nothing; a transaction conflict on a hot counter is retried by SQS; a malformed message goes to the DLQ.
 */
public class StatsAggregatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(StatsAggregatorHandler.class);
    private final StatsAggregator aggregator;
    private final SqsBatch batch;

    public StatsAggregatorHandler() {
        this(new StatsAggregator(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                new DynamoStatsStore(DynamoClients.dynamo(), Env.require("STATS_TABLE"))), SqsBatch.fromEnvironment("STATS"));
    }

    public StatsAggregatorHandler(StatsAggregator aggregator, SqsBatch batch) {
        this.aggregator = aggregator;
        this.batch = batch;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
            SQSBatchResponse response = batch.process(event, m -> {
                StatsAggregator.Outcome outcome = handle(m);
                outcomes.merge(switch (outcome) {
                    case COUNTED -> "ChangesCounted";
                    case DUPLICATE -> "DuplicatesSkipped";
                    default -> "NothingToCount";
                }, 1, Integer::sum);
            });
            Observability.emit(metrics -> outcomes.forEach((name, n) -> metrics.addMetric(name, n, MetricUnit.COUNT)));
            return response;
        });
    }

    private StatsAggregator.Outcome handle(SQSEvent.SQSMessage message) {
        DossierMessage m = DossierMessage.parse(message);
        String code = m.dossierCode();
        if (!DossierCode.isWellFormed(code)) {
            throw new PermanentFailure("MALFORMED_MESSAGE", "a well-formed dossierCode is required");
        }
        long version = m.version();
        Instant at = m.at();
        String type = m.type();
        StatsAggregator.Outcome outcome = switch (type) {
            case "DossierStatusChanged" -> aggregator.statusChanged(code, m.status("from", true), m.status("to", false), version, at);
            case "DossierNotice" -> "OVERDUE".equals(m.text("event"))
                    ? aggregator.overdue(code, version, at) : StatsAggregator.Outcome.NOTHING_TO_COUNT;
            case "DossierRated" -> aggregator.rated(code, version, at);
            default -> throw new PermanentFailure("UNKNOWN_MESSAGE_TYPE",
                    "type must be DossierStatusChanged, DossierNotice or DossierRated");
        };
        if (outcome == StatsAggregator.Outcome.NOT_FOUND) {
            throw new PermanentFailure("DOSSIER_NOT_FOUND", "no dossier " + code);
        }
        LOG.info("dossier {} v{} {}: {}", code, version, type, outcome);
        return outcome;
    }

}
