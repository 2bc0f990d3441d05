package vn.dvc.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.clients.S3Clients;
import vn.dvc.aws.logging.Observability;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.documents.S3DocumentObjects;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.documents.UploadProcessor;
import vn.dvc.aws.processing.ResultSigners;
import vn.dvc.core.processing.ResultService;

/**
 * document-processor (S3 ObjectCreated under {@code uploads/}): checks each file by content, size and SHA-256 and
 * records the outcome on the dossier. Under {@code results/} (an official's result document): hashes, signs and
 * issues it ({@link ResultService}). A failure throws, so Lambda's asynchronous retries run it again; every
 * outcome is idempotent.
 */
public class DocumentProcessorHandler implements RequestHandler<S3Event, String> {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentProcessorHandler.class);
    private final UploadProcessor processor;
    private final ResultService results;

    public DocumentProcessorHandler() {
        this(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                new S3DocumentObjects(S3Clients.s3(), Env.require("DOCUMENT_BUCKET")));
    }

    private DocumentProcessorHandler(DynamoDossierStore store, S3DocumentObjects objects) {
        this(new UploadProcessor(store, objects, Clock.systemUTC()),
                new ResultService(store, objects, ResultSigners.fromEnv(), Clock.systemUTC()));
    }

    public DocumentProcessorHandler(UploadProcessor processor, ResultService results) {
        this.processor = processor;
        this.results = results;
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            StringBuilder outcomes = new StringBuilder();
            for (var record : event.getRecords()) {
                String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
                if (ResultService.isResultKey(key)) {
                    ResultService.Outcome outcome = results.onArrival(key);
                    LOG.info("result {} -> {}", key, outcome);
                    Observability.emit(m -> m.addMetric("Result" + outcome.name(), 1, MetricUnit.COUNT));
                    outcomes.append("RESULT_").append(outcome).append(' ');
                    continue;
                }
                UploadProcessor.Outcome outcome = processor.process(key);
                LOG.info("upload {} -> {}", key, outcome);
                Observability.emit(m -> m.addMetric("Upload" + outcome.name(), 1, MetricUnit.COUNT));
                outcomes.append(outcome).append(' ');
            }
            return outcomes.toString().trim();
        });
    }
}
