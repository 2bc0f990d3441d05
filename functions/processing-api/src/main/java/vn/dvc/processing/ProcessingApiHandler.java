package vn.dvc.processing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.clients.S3Clients;
import vn.dvc.aws.catalog.CatalogProcedureSource;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.documents.S3DocumentObjects;
import vn.dvc.aws.documents.S3UploadUrls;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.aws.processing.DynamoAccessAudit;
import vn.dvc.aws.processing.DynamoWorkQueue;
import vn.dvc.aws.processing.ResultSigners;
import vn.dvc.aws.processing.S3DocumentLinks;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.agency.AgencyKind;
import vn.dvc.core.agency.AgencyLevel;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.intake.Routing;
import vn.dvc.core.intake.RoutingDecision;
import vn.dvc.core.paging.PageLimit;
import vn.dvc.core.processing.AccessAudit;
import vn.dvc.core.processing.Acceptance;
import vn.dvc.core.processing.DecisionService;
import vn.dvc.core.processing.DocumentLinks;
import vn.dvc.core.processing.ResultService;
import vn.dvc.core.processing.WorkQueue;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.Language;

/**
 * processing-api (HTTP API, JWT; one public route): officials' work queues and decisions.
 * <ul>
 *   <li>{@code GET /agencies/{id}/dossiers}: the agency's queue by status, earliest due first (index query).</li>
 *   <li>{@code GET /provinces/{code}/routing-queue}: dossiers of split old communes waiting for manual routing.</li>
 *   <li>{@code GET /dossiers/{code}/documents}: short-lived presigned GET URLs of the documents and result.</li>
 *   <li>{@code POST /dossiers/{code}/actions}: take, request-supplement, resubmit, approve, result-upload, refuse,
 *       transfer, complete ({@link DecisionService}).</li>
 *   <li>{@code GET /results/{code}/verify?sha256=}: public check of a signed result.</li>
 * </ul>
 * OFFICIAL: own agency only; SUPERVISOR: own province, read-only; everyone else 403. An official touching another
 * agency's dossier gets 403 and an audit entry.
 */
public class ProcessingApiHandler extends HttpApiHandler {
    static final Duration LINK_VALIDITY = Duration.ofMinutes(5);

    private final DossierStore store;
    private final WorkQueue queue;
    private final DecisionService decisions;
    private final ResultService results;
    private final DocumentLinks links;
    private final AccessAudit audit;
    private final Clock clock;
    private vn.dvc.core.notify.AgencyInbox inbox; // ---- issue 7: agencies' notices

    public ProcessingApiHandler() {
        this(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")), Env.require("DOSSIER_TABLE"),
                Env.require("DOCUMENT_BUCKET"));
    }

    private ProcessingApiHandler(DynamoDossierStore store, String table, String bucket) {
        this(store, new DynamoWorkQueue(DynamoClients.dynamo(), table),
                new DecisionService(store, CatalogProcedureSource.fromEnvironment(), Acceptance.standard(),
                        new S3UploadUrls(S3Clients.presigner(), bucket), new DynamoAccessAudit(DynamoClients.dynamo(), table),
                        Clock.systemUTC()),
                new ResultService(store, new S3DocumentObjects(S3Clients.s3(), bucket), ResultSigners.fromEnv(), Clock.systemUTC()),
                new S3DocumentLinks(S3Clients.presigner(), bucket), new DynamoAccessAudit(DynamoClients.dynamo(), table),
                Clock.systemUTC());
        this.inbox = new vn.dvc.aws.notify.DynamoAgencyInbox(DynamoClients.dynamo(), table);
    }

    public ProcessingApiHandler(DossierStore store, WorkQueue queue, DecisionService decisions, ResultService results,
                                DocumentLinks links, AccessAudit audit, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.decisions = decisions;
        this.results = results;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
        on("GET /agencies/{id}/dossiers", this::agencyQueue);
        on("GET /provinces/{code}/routing-queue", this::routingQueue);
        on("GET /dossiers/{code}/documents", this::documents);
        on("POST /dossiers/{code}/actions", this::act);
        on("GET /results/{code}/verify", this::verify);
        on("GET /agencies/{id}/notices", this::agencyNotices); // ---- issue 7
    }

    /** The same handler with an agency inbox other than the table's (tests). */
    public ProcessingApiHandler withInbox(vn.dvc.core.notify.AgencyInbox inbox) {
        this.inbox = inbox;
        return this;
    }

    // ---- notifications (issue 7): an agency's inbox -------------------------------------------------------------

    /**
     * {@code GET /agencies/{id}/notices}: the agency's notices (dossier arrived, due soon), newest first, paged
     * ({@code limit} 1..200, default 50; {@code cursor}). OFFICIAL of the agency, SUPERVISOR of its province, OPERATOR;
     * everyone else 403, like the work queue. Notices carry no personal data (code, procedure, dates, text).
     */
    private APIGatewayV2HTTPResponse agencyNotices(HttpRequest request) {
        Agency agency = Routing.agencies().byId(request.pathParam("id")).orElse(null);
        Caller caller = request.caller();
        boolean allowed = switch (caller.role()) {
            case OFFICIAL -> agency != null && agency.id().equals(caller.agencyId());
            case SUPERVISOR -> agency != null && agency.provinceCode().equals(caller.provinceCode());
            case OPERATOR -> true;
            default -> false;
        };
        if (!allowed) {
            throw ApiException.forbidden("NOT_YOUR_AGENCY", "Bạn chỉ xem được thông báo của cơ quan (tỉnh) mình.",
                    "You may only read the notices of your own agency (province).");
        }
        if (agency == null) {
            throw ApiException.notFound("AGENCY_NOT_FOUND", "Không tìm thấy cơ quan.", "No such agency.");
        }
        int limit = PageLimit.parse(request.query("limit"), 50, 200);
        String cursor = request.query("cursor");
        if (inbox == null) {
            throw new IllegalStateException("no agency inbox configured");
        }
        var page = inbox.page(agency.id(), limit, cursor == null || cursor.isEmpty() ? null : cursor);
        Language language = request.language();
        List<Map<String, Object>> items = new ArrayList<>();
        for (vn.dvc.core.notify.AgencyNotice n : page.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("noticeId", n.noticeId());
            m.put("kind", n.kind().name());
            m.put("dossierCode", n.dossierCode());
            m.put("procedureCode", n.procedureCode());
            m.put("text", n.text() == null ? null : n.text().in(language));
            m.put("dueAt", n.dueAt() == null ? null : n.dueAt().toString());
            m.put("at", n.at() == null ? null : n.at().toString());
            items.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agencyId", agency.id());
        body.put("items", items);
        body.put("nextCursor", page.nextCursor());
        return HttpResponse.json(200, body);
    }

    // ---- queues --------------------------------------------------------------------------------------------------

    private APIGatewayV2HTTPResponse agencyQueue(HttpRequest request) {
        Agency agency = Routing.agencies().byId(request.pathParam("id")).orElse(null);
        Caller caller = request.caller();
        boolean allowed = switch (caller.role()) {
            case OFFICIAL -> agency != null && agency.id().equals(caller.agencyId());
            case SUPERVISOR -> agency != null && agency.provinceCode().equals(caller.provinceCode());
            default -> false;
        };
        if (!allowed) {
            throw ApiException.forbidden("NOT_YOUR_AGENCY", "Bạn chỉ xem được hồ sơ của cơ quan (tỉnh) mình.",
                    "You may only list the dossiers of your own agency (province).");
        }
        DossierStatus status = parseStatus(request.query("status"));
        Instant dueBefore = parseInstant(request.query("dueBefore"));
        var page = queue.byAgency(agency.id(), status, dueBefore, PageLimit.parse(request.query("limit"), 20, 100), request.query("cursor"));
        return HttpResponse.json(200, page(page, request.language()));
    }

    private APIGatewayV2HTTPResponse routingQueue(HttpRequest request) {
        String province = request.pathParam("code");
        Caller caller = request.caller();
        String callerProvince = switch (caller.role()) {
            case OFFICIAL -> Routing.agencies().byId(caller.agencyId()).map(Agency::provinceCode).orElse(null);
            case SUPERVISOR -> caller.provinceCode();
            default -> null;
        };
        if (callerProvince == null || !callerProvince.equals(province)) {
            throw ApiException.forbidden("NOT_YOUR_PROVINCE", "Bạn chỉ xem được hàng đợi điều phối của tỉnh mình.",
                    "You may only see your own province's routing queue.");
        }
        String centre = Agency.idOf(AgencyLevel.PROVINCE, province, AgencyKind.SERVICE_CENTRE);
        // The queue is the provincial centre's partition of the agency index, filtered to manual routing.
        var page = queue.byAgency(centre, parseStatus(request.query("status")), null, PageLimit.parse(request.query("limit"), 20, 100),
                request.query("cursor"));
        List<Dossier> manual = page.items().stream()
                .filter(d -> "MANUAL".equals(d.attributes().get(RoutingDecision.ATTRIBUTE))).toList();
        return HttpResponse.json(200, page(new DossierStore.Page<>(manual, page.nextCursor()), request.language()));
    }

    // ---- documents -----------------------------------------------------------------------------------------------

    private APIGatewayV2HTTPResponse documents(HttpRequest request) {
        Caller caller = request.caller();
        if (caller.role() != Role.OFFICIAL && caller.role() != Role.SUPERVISOR) {
            throw ApiException.forbidden("OFFICIALS_ONLY", "Chỉ cán bộ và giám sát viên được xem tài liệu hồ sơ.",
                    "Only officials and supervisors may open dossier documents.");
        }
        Dossier d = decisions.find(request.pathParam("code"));
        boolean allowed = caller.role() == Role.OFFICIAL ? d.agencyId().equals(caller.agencyId())
                : d.provinceCode() != null && d.provinceCode().equals(caller.provinceCode());
        if (!allowed) {
            if (caller.role() == Role.OFFICIAL) {
                audit.denied(d.code(), new Actor(Role.OFFICIAL, caller.subject(), caller.agencyId()), "read-documents",
                        "FOREIGN_AGENCY", clock.instant());
                throw DecisionService.foreignAgency();
            }
            throw ApiException.forbidden("NOT_YOUR_PROVINCE", "Hồ sơ không thuộc tỉnh của bạn.",
                    "This dossier is not in your province.");
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Component c : store.components(d.code())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("component", c.code());
            m.put("state", c.state().name());
            m.put("contentType", c.contentType());
            m.put("sha256", c.sha256());
            m.put("sizeBytes", c.sizeBytes());
            m.put("substitutedBy", c.substitutedBy());
            if (c.state() == vn.dvc.core.dossier.ComponentState.RECEIVED && c.objectKey() != null) {
                DocumentLinks.Link link = links.read(c.objectKey(), LINK_VALIDITY);
                m.put("url", link.url());
                m.put("expiresAt", link.expiresAt().toString());
            }
            documents.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", d.code());
        body.put("status", d.status().name());
        body.put("documents", documents);
        if (d.attributes().get(ResultService.RESULT) instanceof Map<?, ?> result) {
            Map<String, Object> r = new LinkedHashMap<>();
            result.forEach((k, v) -> r.put(String.valueOf(k), v));
            DocumentLinks.Link link = links.read(String.valueOf(result.get("objectKey")), LINK_VALIDITY);
            r.put("url", link.url());
            r.put("expiresAt", link.expiresAt().toString());
            body.put("result", r);
        }
        return HttpResponse.json(200, body);
    }

    // ---- decisions -----------------------------------------------------------------------------------------------

    private APIGatewayV2HTTPResponse act(HttpRequest request) {
        var outcome = decisions.act(request.caller(), request.pathParam("code"), request.jsonBody());
        Map<String, Object> body = summary(outcome.dossier(), request.language());
        body.putAll(outcome.issued());
        return HttpResponse.json(200, body);
    }

    private APIGatewayV2HTTPResponse verify(HttpRequest request) {
        return HttpResponse.json(200, results.verify(request.pathParam("code"), request.query("sha256")));
    }

    // ---- rendering -----------------------------------------------------------------------------------------------

    private static Map<String, Object> page(DossierStore.Page<Dossier> page, Language language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(d -> summary(d, language)).toList());
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    /** What officials see in lists and after an action: no personal identification number, phone or e-mail. */
    static Map<String, Object> summary(Dossier d, Language language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", d.code());
        body.put("status", d.status().name());
        body.put("statusText", d.status().label().in(language));
        body.put("version", d.version());
        body.put("procedureCode", d.procedureCode());
        body.put("agencyId", d.agencyId());
        body.put("communeCode", d.communeCode());
        body.put("createdAt", d.createdAt().toString());
        body.put("updatedAt", d.updatedAt().toString());
        body.put("dueAt", d.dueAt() == null ? null : d.dueAt().toString());
        body.putAll(vn.dvc.core.sla.SlaView.fields(d)); // issue 8: overdue, dueSoonWarnedAt, apology
        for (String key : List.of("assignedTo", "pausedAt", "resultKey", RoutingDecision.ATTRIBUTE, "routingCandidates",
                Acceptance.RECEIPT, "supplementRequest", "refusalSlip", ResultService.RESULT, "handover")) {
            Object value = d.attributes().get(key);
            if (value != null) {
                body.put(key, value);
            }
        }
        return body;
    }

    private static DossierStatus parseStatus(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DossierStatus.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("BAD_STATUS", "Trạng thái không hợp lệ.", "Unknown status.");
        }
    }

    private static Instant parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay(vn.dvc.core.calendar.WorkingDayCalendar.ZONE).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("BAD_DUE_BEFORE", "dueBefore phải là ngày (YYYY-MM-DD) hoặc thời điểm ISO-8601.",
                    "dueBefore must be a date (YYYY-MM-DD) or an ISO-8601 instant.");
        }
    }
}
