package vn.dvc.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import vn.dvc.aws.Priming;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.clients.S3Clients;
import vn.dvc.aws.catalog.CatalogProcedureSource;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.documents.DynamoCitizenDocuments;
import vn.dvc.aws.documents.S3UploadUrls;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.core.documents.CitizenDocuments;
import vn.dvc.core.documents.StoredDocument;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.intake.DocumentUploads;
import vn.dvc.core.intake.FilingService;
import vn.dvc.core.intake.NotificationChoice;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.intake.Routing;
import vn.dvc.core.intake.UploadUrls;
import vn.dvc.core.intake.Withdrawal;
import vn.dvc.core.json.Json;
import vn.dvc.core.paging.PageLimit;
import vn.dvc.core.security.Role;
import vn.dvc.core.units.AdministrativeUnits;

/**
 * intake-api (HTTP API, JWT).
 * <ul>
 *   <li>{@code POST /dossiers} files a dossier with an {@code Idempotency-Key}; the response gives presigned upload
 *       URLs per declared component. A retry with the same key and body returns the first response; another body
 *       with the same key is 422.</li>
 *   <li>{@code POST /dossiers/{code}/documents} issues fresh upload URLs while the dossier accepts documents (409
 *       otherwise); {@code POST /dossiers/{code}/withdraw} withdraws it before a decision (409 after). Both for the
 *       applicant or the assistant who filed it; anyone else gets 404.</li>
 *   <li>{@code GET /me/documents} lists the citizen's stored documents, reusable in a new filing ({@code reuse}).</li>
 *   <li>issue 7: {@code PUT /dossiers/{code}/notification} changes the applicant's notification channels and language
 *       ({@link NotificationChoice}); the filing body's {@code notification} sets them at filing.</li>
 * </ul>
 */
public class IntakeApiHandler extends HttpApiHandler {
    private final FilingService filing;
    private final DocumentUploads documents;
    private final Withdrawal withdrawal;
    private final NotificationChoice notificationChoice;
    private final CitizenDocuments citizenDocuments;
    private final ApplicantKeys keys;

    public IntakeApiHandler() {
        this(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                CatalogProcedureSource.fromEnvironment(),
                new S3UploadUrls(S3Clients.presigner(), Env.require("DOCUMENT_BUCKET")),
                new DynamoCitizenDocuments(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                new ApplicantKeys(Env.require("APPLICANT_KEY_SECRET")),
                Clock.systemUTC());
        // ---- catalog (issue 3): the filing answer names the receiving agency as an operator replaced it
        vn.dvc.core.agency.LiveAgencies agencies = vn.dvc.aws.catalog.CatalogAgencies.fromEnvironment();
        Routing.useAgencies(() -> agencies.agencies(java.time.LocalDate.now(java.time.ZoneOffset.ofHours(7))));
        // SnapStart (performance, issue 9): the first filing otherwise loads the unit register with its old-to-new
        // map (~1 MB of CSV), the routing tables and the JSON Schema factory; before the snapshot instead
        Priming.register(() -> {
            AdministrativeUnits.get().resolveOld("00004");
            Routing.agencies();
            try {
                Class.forName("vn.dvc.core.intake.FormSchema");
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public IntakeApiHandler(DossierStore store, ProcedureSource procedures, UploadUrls uploads,
                            CitizenDocuments citizenDocuments, ApplicantKeys keys, Clock clock) {
        this.filing = new FilingService(store, procedures, uploads, citizenDocuments, keys, clock);
        this.documents = new DocumentUploads(store, procedures, uploads, keys, clock);
        this.withdrawal = new Withdrawal(store, keys, clock);
        this.notificationChoice = new NotificationChoice(store, keys, clock);
        this.citizenDocuments = citizenDocuments;
        this.keys = keys;
        on("POST /dossiers", this::file);
        on("POST /dossiers/{code}/documents", this::issueUploadUrls);
        on("POST /dossiers/{code}/withdraw", this::withdraw);
        on("GET /me/documents", this::myDocuments);
        on("PUT /dossiers/{code}/notification", this::chooseNotification); // ---- issue 7
    }

    private APIGatewayV2HTTPResponse file(HttpRequest request) {
        var body = request.jsonBody();
        FilingService.Result result = filing.file(request.caller(), request.header("idempotency-key"), request.body(), body);
        if (!result.replayed()) {
            MDC.put("dossier_code", Json.read(result.body(), Map.class).get("code").toString());
        }
        return HttpResponse.json(result.status(), result.body(),
                result.replayed() ? Map.of("idempotent-replayed", "true") : Map.of());
    }

    private APIGatewayV2HTTPResponse issueUploadUrls(HttpRequest request) {
        String code = request.pathParam("code");
        MDC.put("dossier_code", String.valueOf(code));
        return HttpResponse.json(200, documents.issue(request.caller(), code, listOrObjectBody(request)));
    }

    private APIGatewayV2HTTPResponse withdraw(HttpRequest request) {
        String code = request.pathParam("code");
        MDC.put("dossier_code", String.valueOf(code));
        return HttpResponse.json(200, withdrawal.withdraw(request.caller(), code));
    }

    // ---- notifications (issue 7)
    private APIGatewayV2HTTPResponse chooseNotification(HttpRequest request) {
        String code = request.pathParam("code");
        MDC.put("dossier_code", String.valueOf(code));
        return HttpResponse.json(200, notificationChoice.change(request.caller(), code, request.jsonBody(),
                ifMatch(request.header("if-match"))));
    }

    /** {@code If-Match: 7} or {@code "7"} (the dossier version); absent: null. */
    static Long ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        if (v.length() > 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (!v.matches("[0-9]{1,18}")) {
            throw ApiException.badRequest("BAD_IF_MATCH", "If-Match phải là số phiên bản của hồ sơ.",
                    "If-Match must be the dossier's version number.");
        }
        return Long.parseLong(v);
    }

    private APIGatewayV2HTTPResponse myDocuments(HttpRequest request) {
        var caller = request.caller();
        if (caller.role() != Role.CITIZEN || !ApplicantKeys.isPersonalId(caller.personalId())) {
            throw ApiException.forbidden("CITIZENS_ONLY", "Kho giấy tờ dành cho công dân.",
                    "The document store is for citizens.");
        }
        int limit = PageLimit.parse(request.query("limit"), 50, 200);
        String cursor = request.query("cursor");
        if (cursor != null && !StoredDocument.isWellFormedId(cursor)) {
            throw ApiException.badRequest("BAD_CURSOR", "Con trỏ phân trang không hợp lệ.", "The paging cursor is invalid.");
        }
        // A citizen holds few documents: read them all (newest first) and page here; the cursor is the last id seen.
        List<StoredDocument> all = citizenDocuments.list(keys.keyOf(caller.personalId()), MAX_DOCUMENTS);
        int from = 0;
        if (cursor != null) {
            from = -1;
            for (int i = 0; i < all.size() && from < 0; i++) {
                if (all.get(i).id().equals(cursor)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw ApiException.badRequest("BAD_CURSOR", "Con trỏ phân trang không hợp lệ.", "The paging cursor is invalid.");
            }
        }
        List<StoredDocument> page = all.subList(from, Math.min(all.size(), from + limit));
        var items = page.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("documentId", d.id());
            m.put("documentType", d.documentType());
            m.put("kind", d.documentType().startsWith(StoredDocument.RESULT_TYPE_PREFIX) ? "RESULT" : "DOCUMENT");
            m.put("contentType", d.contentType());
            m.put("sizeBytes", d.sizeBytes());
            m.put("sha256", d.sha256());
            m.put("sourceDossier", d.sourceDossier());
            m.put("storedAt", d.storedAt() == null ? null : d.storedAt().toString());
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextCursor", from + limit < all.size() && !page.isEmpty() ? page.get(page.size() - 1).id() : null);
        return HttpResponse.json(200, body);
    }

    private static final int MAX_DOCUMENTS = 1000;

    /** The documents route takes the list itself ({@code [{component, contentType}]}) or {@code {"components": [...]}}. */
    private static JsonNode listOrObjectBody(HttpRequest request) {
        String body = request.body();
        if (body != null && body.stripLeading().startsWith("[")) {
            String contentType = request.header("content-type");
            if (contentType == null || contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                try {
                    return Json.tree(body);
                } catch (IOException e) {
                    throw ApiException.badRequest("MALFORMED_JSON", "Nội dung JSON không hợp lệ.", "The body is not valid JSON.");
                }
            }
        }
        return request.jsonBody();
    }
}
