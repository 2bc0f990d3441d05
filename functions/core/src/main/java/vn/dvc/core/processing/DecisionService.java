package vn.dvc.core.processing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.calendar.Deadline;
import vn.dvc.core.calendar.ResumePolicy;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.SupplementClockPolicy;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.intake.Routing;
import vn.dvc.core.intake.RoutingDecision;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.intake.UploadUrls;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.LocalizedText;

/**
 * Officials' decisions on a dossier of their own agency (giải quyết hồ sơ): take, request a supplement (the
 * statutory clock stops), resubmission (the clock resumes or restarts per the procedure's
 * {@link SupplementClockPolicy}; RESUME when the catalog does not say, because it never shortens the citizen's
 * remaining time), approve (the result upload URL is issued), refuse (with a refusal slip), transfer to another
 * competent agency, complete (result delivered or collected).
 *
 * <p>Every action reads the dossier, checks the transition against {@link DossierStatus#next()} and writes ONE
 * conditional change on the version it read: an illegal transition, a stale {@code expectedVersion} or a
 * concurrent decision is a 409 and changes nothing. A retried request that lost to its own first attempt also
 * gets 409, never a second change. An official of another agency gets 403 and an {@link AccessAudit} entry.
 */
public final class DecisionService {
    public static final Set<String> ACTIONS = Set.of("take", "request-supplement", "resubmit", "approve", "refuse",
            "transfer", "result-upload", "complete", "reschedule");
    static final Duration RESULT_URL_VALIDITY = Duration.ofMinutes(15);
    static final long RESULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final String RESULT_CONTENT_TYPE = "application/pdf";

    private final DossierStore store;
    private final ProcedureSource procedures;
    private final Acceptance acceptance;
    private final UploadUrls uploads;
    private final AccessAudit audit;
    private final Clock clock;

    public DecisionService(DossierStore store, ProcedureSource procedures, Acceptance acceptance, UploadUrls uploads,
                           AccessAudit audit, Clock clock) {
        this.store = store;
        this.procedures = procedures;
        this.acceptance = acceptance;
        this.uploads = uploads;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the caller gets back: the dossier after the change and anything the action issued (slips, URLs). */
    public record Outcome(Dossier dossier, Map<String, Object> issued) {}

    public Outcome act(Caller caller, String code, JsonNode body) {
        String action = text(body, "action");
        if (action == null || !ACTIONS.contains(action)) {
            throw new ApiException(400, "UNKNOWN_ACTION", LocalizedText.of(
                    "Hành động không hợp lệ; dùng một trong: " + String.join(", ", ACTIONS.stream().sorted().toList()) + ".",
                    "Unknown action; use one of: " + String.join(", ", ACTIONS.stream().sorted().toList()) + "."));
        }
        Dossier dossier = actionable(caller, code, action);
        if (body.hasNonNull("expectedVersion")) {
            JsonNode expected = body.get("expectedVersion");
            if (!expected.canConvertToLong() || expected.asLong() != dossier.version()) {
                throw new ApiException(409, "VERSION_MISMATCH", LocalizedText.of(
                        "Hồ sơ đã được cập nhật bởi người khác; hãy tải lại.",
                        "The dossier was changed by someone else; reload it."),
                        List.of(Map.of("currentVersion", dossier.version(), "status", dossier.status().name())));
            }
        }
        Instant now = clock.instant();
        Actor actor = new Actor(Role.OFFICIAL, caller.subject(), caller.agencyId());
        Map<String, Object> issued = new LinkedHashMap<>();
        DossierStore.Change change = switch (action) {
            case "take" -> take(dossier, actor, now);
            case "request-supplement" -> requestSupplement(dossier, body, actor, now, issued);
            case "resubmit" -> resubmit(dossier, actor, now);
            case "approve" -> approve(dossier, body, actor, now, issued);
            case "result-upload" -> resultUpload(dossier, actor, now, issued);
            case "refuse" -> refuse(dossier, body, actor, now, issued);
            case "transfer" -> transfer(dossier, body, actor, now);
            case "complete" -> complete(dossier, body, actor, now);
            case "reschedule" -> reschedule(dossier, body, actor, now, issued); // issue 8
            default -> throw new IllegalStateException(action);
        };
        try {
            store.apply(change);
        } catch (DossierStore.ConcurrentChangeException e) {
            throw new ApiException(409, "CONCURRENT_CHANGE", LocalizedText.of(
                    "Hồ sơ vừa được xử lý bởi người khác; hãy tải lại trước khi quyết định.",
                    "Someone else acted on this dossier just now; reload it before deciding."));
        }
        return new Outcome(store.find(code).orElseThrow(), issued);
    }

    /** The dossier an official may act on; 403 (+ audit for a foreign official), 404 for an unknown code. */
    private Dossier actionable(Caller caller, String code, String action) {
        if (caller.role() == Role.SUPERVISOR) {
            throw ApiException.forbidden("READ_ONLY", "Giám sát viên chỉ được xem hồ sơ.", "Supervisors may only read dossiers.");
        }
        if (caller.role() != Role.OFFICIAL || caller.agencyId() == null) {
            throw ApiException.forbidden("OFFICIALS_ONLY", "Chỉ cán bộ của cơ quan tiếp nhận được xử lý hồ sơ.",
                    "Only officials of the receiving agency may act on dossiers.");
        }
        Dossier dossier = find(code);
        if (!caller.agencyId().equals(dossier.agencyId())) {
            audit.denied(code, new Actor(Role.OFFICIAL, caller.subject(), caller.agencyId()), action, "FOREIGN_AGENCY",
                    clock.instant());
            throw foreignAgency();
        }
        return dossier;
    }

    public Dossier find(String code) {
        if (!DossierCode.isWellFormed(code)) {
            throw ApiException.badRequest("MALFORMED_DOSSIER_CODE", "Mã hồ sơ không đúng định dạng.",
                    "The dossier code is malformed.");
        }
        return store.find(code).orElseThrow(() -> ApiException.notFound("DOSSIER_NOT_FOUND", "Không tìm thấy hồ sơ.",
                "No such dossier."));
    }

    public static ApiException foreignAgency() {
        return ApiException.forbidden("FOREIGN_AGENCY", "Hồ sơ không thuộc cơ quan của bạn; lần truy cập này đã được ghi lại.",
                "This dossier belongs to another agency; the attempt was recorded.");
    }

    // ---- actions -------------------------------------------------------------------------------------------------

    private DossierStore.Change take(Dossier d, Actor actor, Instant now) {
        requireFrom(d, DossierStatus.ACCEPTED, DossierStatus.IN_PROGRESS);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("assignedTo", actor.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assignedTo", actor.id());
        if (d.dueAt() == null) {
            // Accepted by a step that did not set the due date: count from the acceptance instant, not from now.
            Procedure procedure = procedure(d);
            Instant acceptedAt = acceptedAt(d);
            Deadline deadline = acceptance.deadline(procedure, acceptedAt);
            attributes.putAll(Acceptance.dueAttributes(deadline));
            if (deadline != null) {
                details.put("dueAt", deadline.due().toString());
                details.put("dueComputedOnTake", true);
            }
        }
        return change(d, DossierStatus.IN_PROGRESS, attributes, List.of(),
                new HistoryEvent(now, actor, "TAKEN", d.status(), DossierStatus.IN_PROGRESS, null, details));
    }

    private DossierStore.Change requestSupplement(Dossier d, JsonNode body, Actor actor, Instant now,
                                                  Map<String, Object> issued) {
        require(d, DossierStatus.SUPPLEMENT_REQUESTED);
        JsonNode reasons = body.path("reasons");
        if (!reasons.isArray() || reasons.isEmpty()) {
            throw validation("reasons", "REQUIRED", "Cần ít nhất một lý do theo thành phần hồ sơ.",
                    "At least one reason per document component is required.");
        }
        Map<String, Component> components = new LinkedHashMap<>();
        store.components(d.code()).forEach(c -> components.put(c.code(), c));
        List<Component> changed = new ArrayList<>();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (JsonNode r : reasons) {
            String component = text(r, "component");
            LocalizedText reason = localized(r.get("reason"));
            if (component == null || !components.containsKey(component)) {
                throw validation("reasons.component", "UNKNOWN_COMPONENT", "Thành phần hồ sơ không có trong hồ sơ: " + component,
                        "No such document component in this dossier: " + component);
            }
            if (reason == null) {
                throw validation("reasons.reason", "REQUIRED", "Cần lý do cho thành phần " + component + ".",
                        "A reason is required for component " + component + ".");
            }
            changed.add(components.get(component).withState(ComponentState.EXPECTED, reason, now));
            listed.add(Map.of("component", component, "reason", Map.of("vi", reason.vi(), "en", reason.en())));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("number", d.code() + "-BS" + (supplementCount(d) + 1));
        request.put("requestedAt", now.toString());
        request.put("reasons", listed);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("pausedAt", now);
        attributes.put("supplementRequest", request);
        attributes.put("supplementCount", (long) supplementCount(d) + 1);
        issued.put("supplementRequest", request);
        return change(d, DossierStatus.SUPPLEMENT_REQUESTED, attributes, changed,
                new HistoryEvent(now, actor, "SUPPLEMENT_REQUESTED", d.status(), DossierStatus.SUPPLEMENT_REQUESTED, null,
                        Map.of("components", listed.stream().map(m -> m.get("component")).toList(), "pausedAt", now.toString())));
    }

    private DossierStore.Change resubmit(Dossier d, Actor actor, Instant now) {
        requireFrom(d, DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.IN_PROGRESS);
        return resumeChange(d, actor, now, acceptance, procedure(d));
    }

    /**
     * The change that resumes a dossier after a supplementation (SUPPLEMENT_REQUESTED -> IN_PROGRESS): the stored
     * deadline is extended for the stop ({@code pausedAt} .. {@code now}) with the procedure's policy. Also used
     * when the citizen's new upload completes the requested components.
     */
    public static DossierStore.Change resumeChange(Dossier d, Actor actor, Instant now, Acceptance acceptance,
                                                   Procedure procedure) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("pausedAt", null);
        Map<String, Object> details = new LinkedHashMap<>();
        Deadline deadline = Acceptance.storedDeadline(d);
        Instant pausedAt = pausedAt(d);
        ResumePolicy policy = procedure.supplementClockPolicy() == SupplementClockPolicy.RESTART
                ? ResumePolicy.RESTART : ResumePolicy.RESUME;
        if (deadline != null && pausedAt != null) {
            Deadline extended = acceptance.calendar().extendForPause(deadline, pausedAt, now, policy);
            attributes.putAll(Acceptance.dueAttributes(extended));
            details.put("previousDueAt", deadline.due().toString());
            details.put("dueAt", extended.due().toString());
        }
        details.put("policy", policy.name());
        if (pausedAt != null) {
            details.put("pausedAt", pausedAt.toString());
        }
        return new DossierStore.Change(d.code(), d.version(), DossierStatus.IN_PROGRESS, attributes, List.of(),
                new HistoryEvent(now, actor, "RESUBMITTED", d.status(), DossierStatus.IN_PROGRESS, null, details));
    }

    private DossierStore.Change approve(Dossier d, JsonNode body, Actor actor, Instant now, Map<String, Object> issued) {
        require(d, DossierStatus.APPROVED);
        String key = resultKey(d.code());
        issued.put("resultUpload", uploadUrl(key));
        LocalizedText note = localized(body.get("note"));
        return change(d, DossierStatus.APPROVED, Map.of("resultKey", key), List.of(),
                new HistoryEvent(now, actor, "APPROVED", d.status(), DossierStatus.APPROVED, note, Map.of()));
    }

    private DossierStore.Change resultUpload(Dossier d, Actor actor, Instant now, Map<String, Object> issued) {
        if (d.status() != DossierStatus.APPROVED) {
            throw new ApiException(409, "ILLEGAL_TRANSITION", LocalizedText.of(
                    "Chỉ hồ sơ đã phê duyệt mới được tải lên kết quả.", "Only an approved dossier takes a result upload."),
                    List.of(Map.of("status", d.status().name())));
        }
        String key = resultKey(d.code());
        issued.put("resultUpload", uploadUrl(key));
        // The newest key is the only one whose arrival is accepted: an older URL can no longer replace the result.
        return change(d, null, Map.of("resultKey", key), List.of(),
                new HistoryEvent(now, actor, "RESULT_UPLOAD_ISSUED", d.status(), d.status(), null, Map.of()));
    }

    private DossierStore.Change refuse(Dossier d, JsonNode body, Actor actor, Instant now, Map<String, Object> issued) {
        require(d, DossierStatus.REFUSED);
        LocalizedText reason = localized(body.get("reason"));
        if (reason == null) {
            throw validation("reason", "REQUIRED", "Cần nêu rõ lý do từ chối.", "A reason for the refusal is required.");
        }
        Map<String, Object> slip = new LinkedHashMap<>();
        slip.put("number", d.code() + "-TC");
        slip.put("title", Map.of("vi", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "en", "Refusal slip"));
        slip.put("agencyId", d.agencyId());
        slip.put("procedureCode", d.procedureCode());
        slip.put("refusedAt", now.toString());
        slip.put("reason", Map.of("vi", reason.vi(), "en", reason.en()));
        issued.put("refusalSlip", slip);
        return change(d, DossierStatus.REFUSED, Map.of("refusalSlip", slip), List.of(),
                new HistoryEvent(now, actor, "REFUSED", d.status(), DossierStatus.REFUSED, reason, Map.of("slip", slip.get("number"))));
    }

    private DossierStore.Change transfer(Dossier d, JsonNode body, Actor actor, Instant now) {
        boolean manual = "MANUAL".equals(d.attributes().get(RoutingDecision.ATTRIBUTE));
        boolean movable = d.status() == DossierStatus.ACCEPTED || d.status() == DossierStatus.IN_PROGRESS
                || d.status() == DossierStatus.SUPPLEMENT_REQUESTED || (manual && !d.status().isFinal());
        if (!movable) {
            throw new ApiException(409, "ILLEGAL_TRANSITION", LocalizedText.of(
                    "Không thể chuyển hồ sơ ở trạng thái này.", "A dossier in this status cannot be transferred."),
                    List.of(Map.of("status", d.status().name())));
        }
        LocalizedText reason = localized(body.get("reason"));
        if (reason == null) {
            throw validation("reason", "REQUIRED", "Cần nêu rõ lý do chuyển hồ sơ.", "A reason for the transfer is required.");
        }
        String target = text(body, "toAgencyId");
        Agency from = Routing.agencies().byId(d.agencyId()).orElse(null);
        Agency to = Routing.agencies().byId(target).orElse(null);
        if (to == null) {
            throw validation("toAgencyId", "UNKNOWN_AGENCY", "Không có cơ quan với mã này.", "No agency has this id.");
        }
        boolean competent = manual ? manualTargets(d).contains(to.id())
                : from != null && !to.id().equals(d.agencyId()) && to.level() == from.level() && to.kind() == from.kind()
                        && to.provinceCode().equals(from.provinceCode());
        if (!competent) {
            throw validation("toAgencyId", "NOT_COMPETENT", manual
                            ? "Chỉ được chuyển cho cơ quan có thẩm quyền của một trong các xã/phường mới."
                            : "Chỉ được chuyển cho cơ quan khác cùng loại, cùng cấp, cùng tỉnh.",
                    manual ? "A manually routed dossier goes to the competent agency of one of the candidate communes."
                            : "A dossier may only be transferred to another agency of the same kind and level in the same province.");
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("agencyId", to.id());
        attributes.put("assignedTo", null);
        attributes.put("transferredFrom", d.agencyId());
        if (manual) {
            attributes.put(RoutingDecision.ATTRIBUTE, null);
            attributes.put("communeCode", to.level() == vn.dvc.core.agency.AgencyLevel.COMMUNE ? to.unitCode() : d.communeCode());
        }
        return change(d, null, attributes, List.of(), new HistoryEvent(now, actor, manual ? "ROUTED" : "TRANSFERRED",
                d.status(), d.status(), reason, Map.of("fromAgencyId", d.agencyId(), "toAgencyId", to.id())));
    }

    /** The competent agencies of a manually queued dossier: one per candidate commune of the split. */
    private List<String> manualTargets(Dossier d) {
        Object candidates = d.attributes().get("routingCandidates");
        if (!(candidates instanceof List<?> list)) {
            return List.of();
        }
        Procedure procedure = procedure(d);
        List<String> targets = new ArrayList<>();
        for (Object code : list) {
            AdministrativeUnits.get().commune(String.valueOf(code))
                    .ifPresent(c -> targets.add(Routing.receivingAgency(procedure, c).id()));
        }
        return targets;
    }

    private DossierStore.Change complete(Dossier d, JsonNode body, Actor actor, Instant now) {
        require(d, DossierStatus.COMPLETED);
        String handover = text(body, "handover");
        if (handover == null) {
            handover = "ONLINE";
        }
        if (!Set.of("ONLINE", "COLLECTED", "POSTED").contains(handover)) {
            throw validation("handover", "UNKNOWN_HANDOVER", "Hình thức trả kết quả: ONLINE, COLLECTED hoặc POSTED.",
                    "handover is ONLINE, COLLECTED or POSTED.");
        }
        return change(d, DossierStatus.COMPLETED, Map.of("handover", handover, "completedAt", now), List.of(),
                new HistoryEvent(now, actor, "COMPLETED", d.status(), DossierStatus.COMPLETED, null, Map.of("handover", handover)));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    // ---- monitoring (issue 8): the agency's own new appointment date for an overdue or due-soon dossier
    /**
     * Sets (or replaces) the apology slip's new appointment with the agency's date: a working day after today
     * ({@link vn.dvc.core.sla.AppointmentRule}), with a reason. It becomes the dossier's effective due date: the SLA
     * monitor keeps it and flags the dossier overdue again only after it (the flag is lowered and the due-soon warning
     * re-armed). The history event records the slip it replaces; the stream tells the citizen (RESCHEDULED).
     */
    private DossierStore.Change reschedule(Dossier d, JsonNode body, Actor actor, Instant now, Map<String, Object> issued) {
        Map<String, Object> a = d.attributes() == null ? Map.of() : d.attributes();
        if (d.status().isFinal() || d.dueAt() == null || a.get("pausedAt") != null
                || d.status() == DossierStatus.SUPPLEMENT_REQUESTED) {
            throw new ApiException(409, "NOT_RESCHEDULABLE", LocalizedText.of(
                    "Chỉ hẹn lại được hồ sơ đang giải quyết, có hạn và đang tính thời hạn.",
                    "Only an open dossier with a running deadline can get a new appointment date."),
                    List.of(Map.of("status", d.status().name())));
        }
        var calendar = acceptance.calendar();
        Instant due = vn.dvc.core.sla.AppointmentRule.effectiveDue(d);
        boolean overdue = Boolean.TRUE.equals(a.get("overdue")) || now.isAfter(due);
        boolean dueSoon = a.get("dueSoonWarnedAt") != null
                || vn.dvc.core.sla.SlaMonitor.isDueSoon(calendar, now, due, vn.dvc.core.sla.SlaMonitor.Policy.STANDARD.dueSoonWorkingHours());
        if (!overdue && !dueSoon) {
            throw new ApiException(409, "NOT_OVERDUE_OR_DUE_SOON", LocalizedText.of(
                    "Chỉ hẹn lại ngày trả kết quả cho hồ sơ quá hạn hoặc sắp đến hạn.",
                    "A new appointment date can only be set for an overdue or due-soon dossier."),
                    List.of(Map.of("dueAt", due.toString())));
        }
        Instant newDueAt = vn.dvc.core.sla.AppointmentRule.newDueAt(calendar, text(body, "newDueDate"), now);
        LocalizedText reason = localized(body.get("reason"));
        if (reason == null) {
            throw validation("reason", "REQUIRED", "Cần nêu lý do hẹn lại ngày trả kết quả.",
                    "A reason for the new appointment date is required.");
        }
        Map<String, Object> slip = new LinkedHashMap<>();
        slip.put("number", d.code() + "-XL");
        slip.put("title", Map.of("vi", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "en", "Apology and new appointment slip"));
        slip.put("issuedAt", now.toString());
        slip.put("originalDueAt", d.dueAt().toString());
        slip.put("newDueAt", newDueAt.toString());
        slip.put("newDueSetBy", "AGENCY");
        slip.put("agencyId", d.agencyId());
        slip.put("reason", Map.of("vi", reason.vi(), "en", reason.en()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slip", slip.get("number"));
        details.put("dueAt", d.dueAt().toString());
        details.put("newDueAt", newDueAt.toString());
        if (a.get("apology") instanceof Map<?, ?> earlier) {
            Map<String, Object> previous = vn.dvc.core.sla.SlaMonitor.previousSlip(earlier);
            slip.put("replaces", previous);
            details.put("replaces", previous);
        }
        issued.put("apology", slip);
        Map<String, Object> set = new HashMap<>();
        set.put(vn.dvc.core.sla.AppointmentRule.ATTRIBUTE, newDueAt.toString());
        set.put("apology", slip);
        set.put("dueSoonWarnedAt", null); // re-armed: the agency is warned again before its own date
        if (Boolean.TRUE.equals(a.get("overdue"))) {
            set.put("overdue", false); // overdue again only after the new date
        }
        return change(d, null, set, List.of(),
                new HistoryEvent(now, actor, "APPOINTMENT_RESCHEDULED", d.status(), d.status(), reason, details));
    }

    private static void require(Dossier d, DossierStatus target) {
        if (!d.status().canMoveTo(target)) {
            throw illegal(d.status(), target);
        }
    }

    /** For actions whose target is reachable from several statuses: only {@code from} may take this path. */
    private static void requireFrom(Dossier d, DossierStatus from, DossierStatus target) {
        if (d.status() != from) {
            throw illegal(d.status(), target);
        }
    }

    /** The one 409 for a transition the state machine forbids. */
    public static ApiException illegal(DossierStatus from, DossierStatus to) {
        return new ApiException(409, "ILLEGAL_TRANSITION", LocalizedText.of(
                "Không thể chuyển hồ sơ từ \"" + from.label().vi() + "\" sang \"" + to.label().vi() + "\".",
                "A dossier cannot go from " + from.label().en() + " to " + to.label().en() + "."),
                List.of(Map.of("from", from.name(), "to", to.name())));
    }

    private static DossierStore.Change change(Dossier d, DossierStatus to, Map<String, Object> attributes,
                                              List<Component> components, HistoryEvent event) {
        return new DossierStore.Change(d.code(), d.version(), to, attributes, components, event);
    }

    private Procedure procedure(Dossier d) {
        return procedures.version(d.procedureCode(), d.procedureVersion())
                .or(() -> procedures.current(d.procedureCode()))
                .orElseThrow(() -> new IllegalStateException("procedure " + d.procedureCode() + " is gone"));
    }

    /** When the dossier became ACCEPTED (its history), else its last update. */
    private Instant acceptedAt(Dossier d) {
        return store.history(d.code()).stream().filter(e -> e.to() == DossierStatus.ACCEPTED && e.from() != DossierStatus.ACCEPTED)
                .map(HistoryEvent::at).reduce((a, b) -> b).orElse(d.updatedAt());
    }

    private static Instant pausedAt(Dossier d) {
        Object value = d.attributes() == null ? null : d.attributes().get("pausedAt");
        return value instanceof String s ? Instant.parse(s) : value instanceof Instant i ? i : null;
    }

    private static int supplementCount(Dossier d) {
        Object value = d.attributes() == null ? null : d.attributes().get("supplementCount");
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static String resultKey(String code) {
        return "results/" + code + "/" + UUID.randomUUID();
    }

    private Map<String, Object> uploadUrl(String key) {
        UploadUrls.UploadUrl url = uploads.issue(key, RESULT_CONTENT_TYPE, RESULT_MAX_BYTES, RESULT_URL_VALIDITY);
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("method", url.method());
        u.put("url", url.url());
        u.put("headers", Map.of("Content-Type", RESULT_CONTENT_TYPE));
        u.put("maxBytes", RESULT_MAX_BYTES);
        u.put("expiresAt", url.expiresAt().toString());
        return u;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }

    /** A reason as {@code "text"} (Vietnamese, also shown in English) or {@code {"vi": "...", "en": "..."}}. */
    static LocalizedText localized(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            String t = node.asText().strip();
            return t.isEmpty() || t.length() > 2000 ? null : LocalizedText.of(t, t);
        }
        String vi = text(node, "vi");
        String en = text(node, "en");
        if (vi == null && en == null) {
            return null;
        }
        return LocalizedText.of(vi != null ? vi : en, en != null ? en : vi);
    }

    private static ApiException validation(String field, String code, String vi, String en) {
        return new ApiException(422, "VALIDATION_FAILED", LocalizedText.of(vi, en),
                List.of(Map.of("field", field, "code", code)));
    }
}
