package vn.dvc.status;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.clients.S3Clients;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierAccess;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.paging.PageLimit;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.Language;
// ---- issue 7: delivery states, public look-up, rating, result link
import java.time.Clock;
import java.time.Duration;
import vn.dvc.aws.processing.S3DocumentLinks;
import vn.dvc.aws.notify.DynamoDeliveryLog;
import vn.dvc.aws.status.DynamoAttemptThrottle;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.processing.DocumentLinks;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.notify.DeliveryLog;
import vn.dvc.core.notify.DeliveryRecord;
import vn.dvc.core.processing.ResultService;
import vn.dvc.core.status.PublicLookup;
import vn.dvc.core.status.Rating;

/**
 * status-api (HTTP API, JWT): a dossier's status, components and history for those allowed to see it
 * ({@link DossierAccess}); anyone else gets 404, so dossier codes cannot be probed.
 *
 * <p>Issue 7: the detail also carries the fee, the notifications' delivery states (no addresses) and, once issued,
 * a short-lived link to the result; {@code GET /public/dossiers/{code}?phoneLast4=} is the anonymous look-up
 * ({@link PublicLookup}: status and dates only, throttled); {@code POST /dossiers/{code}/rating} records the
 * applicant's satisfaction once ({@link Rating}). Every text follows {@code Accept-Language} (vi default, en).
 */
public class StatusApiHandler extends HttpApiHandler {
    static final Duration RESULT_LINK_VALIDITY = Duration.ofMinutes(10);
    private final DossierStore store;
    private final ApplicantKeys keys;
    private final DeliveryLog deliveries;
    private final PublicLookup lookup;
    private final DocumentLinks links;
    private final Clock clock;

    public StatusApiHandler() {
        this(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                new ApplicantKeys(Env.require("APPLICANT_KEY_SECRET")),
                new DynamoDeliveryLog(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                new DynamoAttemptThrottle(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                Env.get("DOCUMENT_BUCKET") == null ? null : new S3DocumentLinks(S3Clients.presigner(), Env.get("DOCUMENT_BUCKET")),
                Clock.systemUTC());
    }

    public StatusApiHandler(DossierStore store, ApplicantKeys keys, DeliveryLog deliveries,
                            vn.dvc.core.status.AttemptThrottle throttle, DocumentLinks links, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.deliveries = deliveries;
        this.lookup = new PublicLookup(store, throttle, ProcedureCatalog.bundled());
        this.links = links;
        this.clock = clock;
        on("GET /dossiers/{code}", this::get);
        on("GET /dossiers/{code}/history", this::history);
        on("GET /dossiers", this::list);
        // ---- issue 7
        on("GET /public/dossiers/{code}", this::publicLookup);
        on("POST /dossiers/{code}/rating", this::rate);
    }

    // ---- issue 7: public look-up and rating -------------------------------------------------------------------

    private APIGatewayV2HTTPResponse publicLookup(HttpRequest request) {
        String code = request.pathParam("code");
        if (!DossierCode.isWellFormed(code)) {
            throw ApiException.badRequest("MALFORMED_DOSSIER_CODE", "Mã hồ sơ không đúng định dạng.",
                    "The dossier code is malformed.");
        }
        var http = request.event().getRequestContext() == null ? null : request.event().getRequestContext().getHttp();
        String sourceIp = http == null ? null : http.getSourceIp();
        return HttpResponse.json(200, lookup.lookup(code, request.query("phoneLast4"), sourceIp, request.language(), clock.instant()));
    }

    private APIGatewayV2HTTPResponse rate(HttpRequest request) {
        Dossier d = readable(request);
        if (!(request.caller().role() == Role.CITIZEN && DossierAccess.isApplicantOrFiler(request.caller(), d, keys))) {
            throw ApiException.forbidden("APPLICANT_ONLY", "Chỉ người nộp hồ sơ được đánh giá.",
                    "Only the applicant may rate the service.");
        }
        Rating.Input input = Rating.parse(request.jsonBody());
        Actor actor = new Actor(request.caller().role(), request.caller().subject(), null);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                store.apply(Rating.change(d, input, actor, clock.instant()));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", d.code());
                body.put("score", input.score());
                body.put("message", vn.dvc.core.text.LocalizedText.of("Cảm ơn bạn đã đánh giá.", "Thank you for your rating.")
                        .in(request.language()));
                return HttpResponse.json(201, body);
            } catch (DossierStore.ConcurrentChangeException e) {
                d = store.find(d.code()).orElseThrow(() -> ApiException.notFound("DOSSIER_NOT_FOUND", "Không tìm thấy hồ sơ.",
                        "No such dossier."));
            }
        }
        throw Rating.alreadyRated();
    }

    private Dossier readable(HttpRequest request) {
        String code = request.pathParam("code");
        if (!DossierCode.isWellFormed(code)) {
            throw ApiException.badRequest("MALFORMED_DOSSIER_CODE", "Mã hồ sơ không đúng định dạng.",
                    "The dossier code is malformed.");
        }
        return store.find(code).filter(d -> DossierAccess.canRead(request.caller(), d, keys))
                .orElseThrow(() -> ApiException.notFound("DOSSIER_NOT_FOUND", "Không tìm thấy hồ sơ.", "No such dossier."));
    }

    private APIGatewayV2HTTPResponse get(HttpRequest request) {
        Dossier d = readable(request);
        Map<String, Object> body = summary(d, request.language());
        List<Map<String, Object>> components = new ArrayList<>();
        for (Component c : store.components(d.code())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("component", c.code());
            m.put("required", c.required());
            m.put("state", c.state().name());
            m.put("sha256", c.sha256());
            m.put("sizeBytes", c.sizeBytes());
            m.put("substitutedBy", c.substitutedBy());
            if (c.reason() != null) {
                m.put("reason", c.reason().in(request.language()));
            }
            components.add(m);
        }
        body.put("components", components);
        body.put("history", timeline(store.history(d.code()), request.language()));
        // ---- issue 7: fee, result link, rating, notifications' delivery states
        Map<String, Object> attrs = d.attributes() == null ? Map.of() : d.attributes();
        if (attrs.get("feeTotal") instanceof Number fee) {
            body.put("feeTotal", fee.longValue());
            body.put("feeText", vn.dvc.core.notify.VietnamFormat.money(fee.longValue(), request.language()));
        }
        if (attrs.get(ResultService.RESULT) instanceof Map<?, ?> result && links != null && result.get("objectKey") != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (String k : List.of("sha256", "sizeBytes", "algorithm", "signedAt")) {
                if (result.get(k) != null) {
                    r.put(k, String.valueOf(result.get(k)));
                }
            }
            DocumentLinks.Link link = links.read(String.valueOf(result.get("objectKey")), RESULT_LINK_VALIDITY);
            r.put("url", link.url());
            r.put("expiresAt", link.expiresAt().toString());
            body.put("result", r);
        }
        if (attrs.get(Rating.ATTRIBUTE) instanceof Map<?, ?> rating) {
            body.put("rating", rating);
        }
        // ---- issue 7 (session 13:50): the dossier version (If-Match of PUT /dossiers/{code}/notification) and the
        // stored notification choice, without the push endpoint itself (addresses stay in the applicant block)
        body.put("version", d.version());
        if (attrs.get(vn.dvc.core.notify.ContactPreferences.ATTRIBUTE) instanceof Map<?, ?> choice) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("channels", choice.get("channels"));
            n.put("fallback", choice.get("fallback"));
            n.put("language", choice.get("language"));
            n.put("pushEndpointSet", choice.get("pushEndpoint") != null);
            body.put("notificationChoice", n);
        }
        if (deliveries != null) {
            List<Map<String, Object>> notifications = new ArrayList<>();
            for (DeliveryRecord n : deliveries.all(d.code())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("notificationId", n.notificationId());
                m.put("event", n.event());
                m.put("channel", n.channel().name());
                m.put("state", n.state().name());
                m.put("attempts", n.attempts());
                if (n.reason() != null) {
                    m.put("reason", n.reason());
                }
                m.put("updatedAt", n.updatedAt() == null ? null : n.updatedAt().toString());
                notifications.add(m);
            }
            body.put("notifications", notifications);
        }
        return HttpResponse.json(200, body);
    }

    private APIGatewayV2HTTPResponse history(HttpRequest request) {
        Dossier d = readable(request);
        return HttpResponse.json(200, Map.of("code", d.code(), "history", timeline(store.history(d.code()), request.language())));
    }

    private APIGatewayV2HTTPResponse list(HttpRequest request) {
        String filedBy = request.query("filedBy");
        // ---- intake (issue 4): an assistant lists what it filed for citizens (ByFiler index, gsi3pk FILER#subject)
        if (filedBy != null && !filedBy.equals("me")) {
            throw ApiException.badRequest("BAD_FILED_BY", "filedBy chỉ nhận giá trị \"me\".", "filedBy accepts only \"me\".");
        }
        if (request.caller().role() == Role.ASSISTANT && filedBy != null && request.caller().subject() != null) {
            int limit = PageLimit.parse(request.query("limit"), 20, 100);
            var page = store.byFiler(request.caller().subject(), limit, request.query("cursor"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", page.items().stream().map(d -> summary(d, request.language())).toList());
            body.put("nextCursor", page.nextCursor());
            return HttpResponse.json(200, body);
        }
        if (request.caller().role() == Role.ASSISTANT) {
            throw ApiException.badRequest("FILED_BY_REQUIRED", "Người nộp hộ xem danh sách với filedBy=me.",
                    "Assistants list what they filed with filedBy=me.");
        }
        if (request.caller().role() != Role.CITIZEN || !ApplicantKeys.isPersonalId(request.caller().personalId())) {
            throw ApiException.forbidden("CITIZENS_ONLY", "Danh sách này dành cho công dân.", "This list is for citizens.");
        }
        int limit = PageLimit.parse(request.query("limit"), 20, 100);
        var page = store.byApplicant(keys.keyOf(request.caller().personalId()), limit, request.query("cursor"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(d -> summary(d, request.language())).toList());
        body.put("nextCursor", page.nextCursor());
        return HttpResponse.json(200, body);
    }

    private static Map<String, Object> summary(Dossier d, Language language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", d.code());
        body.put("status", d.status().name());
        body.put("statusText", d.status().label().in(language));
        body.put("procedureCode", d.procedureCode());
        body.put("procedureVersion", d.procedureVersion());
        body.put("agencyId", d.agencyId());
        body.put("communeCode", d.communeCode());
        body.put("channel", d.channel().name());
        body.put("createdAt", d.createdAt().toString());
        body.put("updatedAt", d.updatedAt().toString());
        if (d.dueAt() != null) {
            body.put("dueAt", d.dueAt().toString());
        }
        body.putAll(vn.dvc.core.sla.SlaView.fields(d)); // issue 8: overdue, dueSoonWarnedAt, apology
        return body;
    }

    private static List<Map<String, Object>> timeline(List<HistoryEvent> events, Language language) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HistoryEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("action", e.action());
            m.put("from", e.from() == null ? null : e.from().name());
            m.put("to", e.to() == null ? null : e.to().name());
            if (e.to() != null) {
                m.put("statusText", e.to().label().in(language));
            }
            m.put("actorRole", e.actor() == null ? null : e.actor().role().name());
            if (e.reason() != null) {
                m.put("reason", e.reason().in(language));
            }
            m.put("details", e.details());
            out.add(m);
        }
        return out;
    }
}
