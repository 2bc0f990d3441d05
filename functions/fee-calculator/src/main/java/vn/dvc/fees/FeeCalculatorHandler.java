package vn.dvc.fees;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.catalog.CatalogProcedureSource;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.sqs.DossierMessage;
import vn.dvc.aws.sqs.PermanentFailure;
import vn.dvc.aws.sqs.SqsBatch;
import vn.dvc.core.fees.FeeAssessment;

/**
 * fee-calculator (SQS {@code FeeQueue}, partial batch failures): for a dossier that reached VALIDATED, computes and
 * stores its fee breakdown and moves it to ACCEPTED (nothing due) or AWAITING_PAYMENT ({@link FeeAssessment}).
 * A redelivered or stale message changes nothing; a malformed one goes to the DLQ with its reason.
 */
public class FeeCalculatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(FeeCalculatorHandler.class);
    private final FeeAssessment fees;
    private final SqsBatch batch;

    public FeeCalculatorHandler() {
        this(new FeeAssessment(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                        CatalogProcedureSource.fromEnvironment(), Clock.systemUTC()),
                SqsBatch.fromEnvironment("FEE"));
    }

    public FeeCalculatorHandler(FeeAssessment fees, SqsBatch batch) {
        this.fees = fees;
        this.batch = batch;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> batch.process(event, message -> {
            DossierMessage m = DossierMessage.parse(message);
            String code = m.dossierCode();
            FeeAssessment.Outcome outcome = fees.assess(code, m.version());
            switch (outcome) {
                case NOT_FOUND -> throw new PermanentFailure("DOSSIER_NOT_FOUND", "no dossier " + code);
                case PROCEDURE_UNKNOWN -> throw new PermanentFailure("PROCEDURE_UNKNOWN", "unknown procedure for " + code);
                default -> LOG.info("dossier {} fee -> {}", code, outcome);
            }
        }));
    }
}
