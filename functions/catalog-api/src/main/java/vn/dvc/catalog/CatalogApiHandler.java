package vn.dvc.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.error.ApiException;

/** catalog-api (HTTP API, public GETs): procedures, administrative units and agencies. */
public class CatalogApiHandler extends HttpApiHandler {
    private final ProcedureCatalog catalog;

    public CatalogApiHandler() {
        this(ProcedureCatalog.bundled());
    }

    public CatalogApiHandler(ProcedureCatalog catalog) {
        this.catalog = catalog;
        on("GET /procedures/{code}", this::procedure);
    }

    private APIGatewayV2HTTPResponse procedure(HttpRequest request) {
        var procedure = catalog.byCode(request.pathParam("code")).orElseThrow(() -> ApiException.notFound(
                "PROCEDURE_NOT_FOUND", "Không tìm thấy thủ tục hành chính này.", "No such procedure."));
        return HttpResponse.json(200, procedure);
    }
}
