package vn.dvc.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import org.slf4j.MDC;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.catalog.CatalogProcedureSource;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.documents.S3UploadUrls;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.intake.FilingService;

/**
 * intake-api (HTTP API, JWT): {@code POST /dossiers} files a dossier with an {@code Idempotency-Key}; the response
 * gives presigned upload URLs per declared component. A retry with the same key and body returns the first
 * response; another body with the same key is 422.
 */
public class IntakeApiHandler extends HttpApiHandler {
    private final FilingService filing;

    public IntakeApiHandler() {
        this(new FilingService(
                new DynamoDossierStore(AwsClients.dynamo(), Env.require("DOSSIER_TABLE")),
                CatalogProcedureSource.bundled(),
                new S3UploadUrls(AwsClients.presigner(), Env.require("DOCUMENT_BUCKET")),
                new ApplicantKeys(Env.require("APPLICANT_KEY_SECRET")),
                Clock.systemUTC()));
    }

    public IntakeApiHandler(FilingService filing) {
        this.filing = filing;
        on("POST /dossiers", this::file);
    }

    private APIGatewayV2HTTPResponse file(HttpRequest request) {
        var body = request.jsonBody();
        FilingService.Result result = filing.file(request.caller(), request.header("idempotency-key"), request.body(), body);
        if (!result.replayed()) {
            MDC.put("dossier_code", vn.dvc.core.json.Json.read(result.body(), Map.class).get("code").toString());
        }
        return HttpResponse.json(result.status(), result.body(),
                result.replayed() ? Map.of("idempotent-replayed", "true") : Map.of());
    }
}
