package vn.dvc.validation;

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
import vn.dvc.aws.register.PopulationRegisters;
import vn.dvc.aws.sqs.DossierMessage;
import vn.dvc.aws.sqs.PermanentFailure;
import vn.dvc.aws.sqs.SqsBatch;
import vn.dvc.core.validation.ValidationService;

/**
 * validation-worker (SQS, partial batch failures): validates a dossier that reached VALIDATING (completeness, form,
 * identity against the population register: {@code REGISTER_MODE=table|http}). A malformed message goes to the DLQ
 * with its reason; a failure of the store or a register outage returns the message to the queue.
 */
public class ValidationWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationWorkerHandler.class);
    private final ValidationService validation;
    private final SqsBatch batch;

    public ValidationWorkerHandler() {
        this(new ValidationService(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                        CatalogProcedureSource.fromEnvironment(), PopulationRegisters.fromEnvironment(), Clock.systemUTC()),
                SqsBatch.fromEnvironment("VALIDATION"));
    }

    public ValidationWorkerHandler(ValidationService validation, SqsBatch batch) {
        this.validation = validation;
        this.batch = batch;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> batch.process(event, message -> {
            DossierMessage m = DossierMessage.parse(message);
            String code = m.dossierCode();
            ValidationService.Outcome outcome = validation.validate(code, m.version());
            if (outcome == ValidationService.Outcome.NOT_FOUND) {
                throw new PermanentFailure("DOSSIER_NOT_FOUND", "no dossier " + code);
            }
            if (outcome == ValidationService.Outcome.PROCEDURE_UNKNOWN) {
                throw new PermanentFailure("PROCEDURE_UNKNOWN", "dossier " + code + " names an unknown procedure");
            }
            LOG.info("dossier {} validation -> {}", code, outcome);
        }));
    }
}
