package vn.dvc.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.catalog.DocumentComponent;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.documents.CitizenDocuments;
import vn.dvc.core.documents.StoredDocument;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.dossier.IdempotencyRecord;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.LocalizedText;
import vn.dvc.core.units.Commune;

/**
 * Files a dossier: one tap creates exactly one dossier, whatever the retries. The dossier, its components, its
 * first history event, the agency's next sequence number and the idempotency record are written in one
 * transaction, so a retry finds either nothing (and files) or the first response (and returns it).
 */
public final class FilingService {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration UPLOAD_URL_VALIDITY = Duration.ofMinutes(15);
    static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);
    private static final int MAX_ATTEMPTS = 30;
    private static final Set<String> REPLAY_CODES = Set.of("IDEMPOTENCY_KEY_REUSED", "RETRY_IN_PROGRESS");

    private final DossierStore store;
    private final ProcedureSource procedures;
    private final UploadUrls uploads;
    private final CitizenDocuments citizenDocuments;
    private final ApplicantKeys applicantKeys;
    private final Clock clock;

    public FilingService(DossierStore store, ProcedureSource procedures, UploadUrls uploads, CitizenDocuments citizenDocuments,
                         ApplicantKeys applicantKeys, Clock clock) {
        this.store = store;
        this.procedures = procedures;
        this.uploads = uploads;
        this.citizenDocuments = citizenDocuments;
        this.applicantKeys = applicantKeys;
        this.clock = clock;
    }

    /** The outcome: HTTP status and the JSON body (the same on every retry of the same request). */
    public record Result(int status, String body, boolean replayed) {}

    public Result file(Caller caller, String idempotencyKey, String rawBody, JsonNode body) {
        if (caller.role() != Role.CITIZEN && caller.role() != Role.ASSISTANT) {
            throw ApiException.forbidden("ROLE_NOT_ALLOWED", "Chỉ công dân hoặc người nộp hộ được nộp hồ sơ.",
                    "Only citizens and assistants may file dossiers.");
        }
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw ApiException.badRequest("IDEMPOTENCY_KEY_REQUIRED",
                    "Thiếu tiêu đề Idempotency-Key (8–128 ký tự chữ, số, . _ : -).",
                    "The Idempotency-Key header is required (8-128 letters, digits, . _ : -).");
        }
        String scopedKey = caller.subject() + "#" + idempotencyKey;
        // The hash of the body's canonical JSON (keys sorted, no whitespace): a client that re-serialises its retry
        // (another key order, other spacing) still gets the first answer, not a 422.
        String requestHash = sha256(canonical(body, rawBody));
        // A retry usually arrives after the first attempt committed: answer it with one read, before any work.
        var first = store.idempotency(scopedKey);
        if (first.isPresent()) {
            return replay(first.get(), requestHash);
        }
        try {
            return fileOnce(caller, scopedKey, requestHash, body);
        } catch (ApiException e) {
            // A retry must get the first answer even if the world moved since (procedure withdrawn, document
            // deleted...): a refusal is final only when no filing holds this key. Costs a read on refusals only.
            if (e.status() >= 400 && e.status() < 500 && !REPLAY_CODES.contains(e.code())
                    && store.idempotency(scopedKey).isPresent()) {
                return replay(scopedKey, requestHash);
            }
            throw e;
        }
    }

    private Result fileOnce(Caller caller, String scopedKey, String requestHash, JsonNode body) {
        FilingRequest request = FilingRequest.parse(body);

        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, VIETNAM);
        Procedure procedure = procedures.current(request.procedureCode()).orElseThrow(() -> ApiException.notFound(
                "PROCEDURE_NOT_FOUND", "Không tìm thấy thủ tục hành chính này.", "No such procedure."));
        Commune commune = Routing.commune(request.communeCode(), today);
        if (!procedure.isPublishedIn(commune.provinceCode())) {
            throw ApiException.unprocessable("PROCEDURE_NOT_PUBLISHED",
                    "Thủ tục này không được công bố tại tỉnh/thành phố của người nộp.",
                    "This procedure is not published in the applicant's province.");
        }
        if (!procedure.isInForceOn(today)) {
            throw ApiException.unprocessable("PROCEDURE_NOT_IN_FORCE", "Thủ tục này hiện không còn hiệu lực.",
                    "This procedure is not in force.");
        }
        Agency agency = Routing.receivingAgency(procedure, commune);
        Applicant applicant = applicantOf(caller, request);
        if (request.notification() != null) {
            request.notification().requireContacts(applicant); // issue 7: a chosen channel needs its address
        }
        String applicantKey = applicantKeys.keyOf(applicant.personalId());
        Plan plan = components(procedure, request, applicant, applicantKey, now);
        List<Component> components = plan.components();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("delivery", request.delivery());
        if (plan.caseGroup() != null) {
            attributes.put(CaseChoice.ATTRIBUTE, plan.caseGroup());
        }
        if (request.notification() != null) {
            attributes.put(vn.dvc.core.notify.ContactPreferences.ATTRIBUTE, request.notification().toAttribute());
        }
        Actor submittedBy = new Actor(caller.role(), caller.subject(), caller.agencyId());

        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long last = store.lastSequence(agency.id(), today);
            DossierCode code = DossierCode.of(agency.id(), today, last + 1);
            List<Component> keyed = withObjectKeys(code.toString(), components, now);
            boolean uploadsPending = keyed.stream().anyMatch(c -> c.objectKey() != null && !c.state().satisfied());
            DossierStatus status = uploadsPending ? DossierStatus.RECEIVED : DossierStatus.VALIDATING;
            Dossier dossier = new Dossier(code.toString(), procedure.code(), procedure.version(), status, 1, agency.id(),
                    commune.code(), commune.provinceCode(), request.channel(), applicant,
                    applicantKey, submittedBy, now, now, null, request.form(), attributes);
            String responseBody = Json.write(response(dossier, procedure, agency, keyed, now));
            HistoryEvent event = new HistoryEvent(now, submittedBy, "FILED", null, status, null, Map.of(
                    "channel", request.channel().name(),
                    "components", keyed.stream().map(Component::code).toList(),
                    "reused", request.reuse().stream().map(FilingRequest.Reuse::component).toList()));
            try {
                store.create(dossier, keyed, event, last,
                        new IdempotencyRecord(scopedKey, requestHash, 201, responseBody, now.plus(IDEMPOTENCY_RETENTION)));
                return new Result(201, responseBody, false);
            } catch (DossierStore.IdempotencyKeyUsedException e) {
                return replay(scopedKey, requestHash);
            } catch (DossierStore.SequenceTakenException e) {
                // Lost the number (or collided with a concurrent retry of this very request): the next attempt's
                // transaction tells which, through the idempotency record's condition. No extra read here.
                backoff(attempt);
            }
        }
        throw new ApiException(503, "BUSY", LocalizedText.of("Hệ thống đang bận, vui lòng thử lại.",
                "The service is busy; please retry."));
    }

    private Result replay(String scopedKey, String requestHash) {
        IdempotencyRecord record = store.idempotency(scopedKey).orElseThrow(() -> new ApiException(409, "RETRY_IN_PROGRESS",
                LocalizedText.of("Yêu cầu trước với cùng khóa đang được xử lý.", "A request with this key is in progress.")));
        return replay(record, requestHash);
    }

    private static Result replay(IdempotencyRecord record, String requestHash) {
        if (!record.requestHash().equals(requestHash)) {
            throw ApiException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.",
                    "This Idempotency-Key was already used with a different request.");
        }
        return new Result(record.status(), record.responseBody(), true);
    }

    private Applicant applicantOf(Caller caller, FilingRequest request) {
        FilingRequest.ApplicantData data = request.applicant();
        String personalId;
        if (caller.role() == Role.CITIZEN) {
            if (!ApplicantKeys.isPersonalId(caller.personalId())) {
                throw ApiException.forbidden("IDENTITY_REQUIRED", "Tài khoản chưa gắn số định danh cá nhân.",
                        "Your account carries no personal identification number.");
            }
            if (data.personalId() != null && !data.personalId().equals(caller.personalId())) {
                throw ApiException.unprocessable("APPLICANT_MISMATCH",
                        "Công dân chỉ được nộp hồ sơ cho chính mình; hãy nhờ người nộp hộ.",
                        "Citizens file only for themselves; ask an assistant to file for someone else.");
            }
            personalId = caller.personalId();
        } else {
            if (!ApplicantKeys.isPersonalId(data.personalId())) {
                throw new ApiException(422, "VALIDATION_FAILED", LocalizedText.of(
                        "Cần số định danh cá nhân (12 chữ số) của người nộp.",
                        "The applicant's personal identification number (12 digits) is required."),
                        List.of(Map.of("field", "applicant.personalId", "code", "REQUIRED")));
            }
            personalId = data.personalId();
        }
        return new Applicant(personalId, data.fullName(), data.dateOfBirth(), data.phone(), data.email());
    }

    /**
     * The dossier's components: declared uploads (a key is issued per attempt), reused stored documents (SUBSTITUTED,
     * no upload) and the rest EXPECTED. Component and form problems are reported together, every one of them.
     */
    private record Plan(List<Component> components, String caseGroup) {}

    private Plan components(Procedure procedure, FilingRequest request, Applicant applicant, String applicantKey,
                            Instant now) {
        Map<String, DocumentComponent> known = new LinkedHashMap<>();
        procedure.components().forEach(c -> known.put(c.code(), c));
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, String> declared = new LinkedHashMap<>();
        for (FilingRequest.Upload upload : request.uploads()) {
            DocumentComponent c = known.get(upload.component());
            if (c == null) {
                problems.add(Map.of("field", "components", "component", upload.component(), "code", "UNKNOWN_COMPONENT"));
            } else if (!c.acceptedTypes().isEmpty() && !c.acceptedTypes().contains(upload.contentType())) {
                problems.add(Map.of("field", "components", "component", upload.component(), "code", "UNSUPPORTED_CONTENT_TYPE",
                        "accepted", c.acceptedTypes()));
            } else if (declared.put(upload.component(), upload.contentType()) != null) {
                problems.add(Map.of("field", "components", "component", upload.component(), "code", "DUPLICATE_COMPONENT"));
            }
        }
        Map<String, String> reusedIds = new LinkedHashMap<>();
        for (FilingRequest.Reuse reuse : request.reuse()) {
            if (!known.containsKey(reuse.component())) {
                problems.add(Map.of("field", "reuse", "component", reuse.component(), "code", "UNKNOWN_COMPONENT"));
            } else if (declared.containsKey(reuse.component()) || reusedIds.put(reuse.component(), reuse.documentId()) != null) {
                problems.add(Map.of("field", "reuse", "component", reuse.component(), "code", "DUPLICATE_COMPONENT"));
            }
        }
        // Alternative cases (trường hợp): the dossier holds only its own case's components (see CaseChoice).
        List<String> declaredCodes = new ArrayList<>(declared.keySet());
        declaredCodes.addAll(reusedIds.keySet());
        String caseGroup = CaseChoice.choose(procedure, request.caseGroup(), declaredCodes, problems);
        List<Map<String, Object>> formProblems = FormSchema.problems(procedure, request.form(), applicant);
        if (!problems.isEmpty() || !formProblems.isEmpty()) {
            List<Map<String, Object>> all = new ArrayList<>(problems);
            all.addAll(formProblems);
            throw new ApiException(422, formProblems.isEmpty() ? "INVALID_COMPONENTS" : problems.isEmpty() ? "FORM_INVALID"
                    : "VALIDATION_FAILED", formProblems.isEmpty()
                    ? LocalizedText.of("Thành phần hồ sơ không hợp lệ.", "Some document components are invalid.")
                    : LocalizedText.of("Dữ liệu tờ khai không hợp lệ; xem từng trường trong chi tiết.",
                            "The form data is invalid; see every field in the details."), all);
        }
        Map<String, StoredDocument> stored = reusedIds.isEmpty() ? Map.of()
                : citizenDocuments.find(applicantKey, reusedIds.values());
        for (var reuse : reusedIds.entrySet()) {
            StoredDocument d = stored.get(reuse.getValue());
            DocumentComponent c = known.get(reuse.getKey());
            if (d == null) {
                // Someone else's document and no document at all look the same: ids cannot be probed.
                problems.add(Map.of("field", "reuse", "component", reuse.getKey(), "code", "STORED_DOCUMENT_NOT_FOUND"));
            } else if (!d.documentType().equals(StoredDocument.typeOf(c.code()))) {
                problems.add(Map.of("field", "reuse", "component", reuse.getKey(), "code", "STORED_DOCUMENT_TYPE_MISMATCH",
                        "documentType", d.documentType()));
            } else if (!c.acceptedTypes().isEmpty() && !c.acceptedTypes().contains(d.contentType())
                    || c.maxBytes() > 0 && d.sizeBytes() > c.maxBytes()) {
                problems.add(Map.of("field", "reuse", "component", reuse.getKey(), "code", "STORED_DOCUMENT_NOT_ACCEPTED"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "INVALID_REUSE", LocalizedText.of(
                    "Không dùng lại được giấy tờ đã lưu: giấy tờ không thuộc người nộp hoặc khác loại.",
                    "A stored document cannot be reused: it is not the applicant's or of another type."), problems);
        }
        List<Component> components = new ArrayList<>();
        for (DocumentComponent c : CaseChoice.componentsOf(procedure, caseGroup)) {
            String type = declared.get(c.code());
            String reusedId = reusedIds.get(c.code());
            long maxBytes = maxBytes(c);
            if (reusedId != null) {
                StoredDocument d = stored.get(reusedId);
                components.add(new Component(c.code(), Boolean.TRUE.equals(c.required()), ComponentState.SUBSTITUTED,
                        d.objectKey(), d.contentType(), maxBytes, d.sha256(), d.sizeBytes(), STORED_DOCUMENT + d.id(), null, now));
            } else {
                components.add(new Component(c.code(), Boolean.TRUE.equals(c.required()), ComponentState.EXPECTED,
                        type == null ? null : PENDING_KEY, type, maxBytes, null, null,
                        c.substitutableBy() == null ? null : c.substitutableBy().name(), null, now));
            }
        }
        return new Plan(components, caseGroup);
    }

    /** {@code substitutedBy} of a component satisfied from the citizen's data store. */
    public static final String STORED_DOCUMENT = "STORED_DOCUMENT:";
    private static final String PENDING_KEY = "pending";

    static long maxBytes(DocumentComponent c) {
        return c.maxBytes() > 0 ? c.maxBytes() : 10L * 1024 * 1024;
    }

    /** Object keys carry the dossier code and component only: never a name or identification number. */
    static String newObjectKey(String code, String component) {
        return "uploads/" + code + "/" + component + "/" + UUID.randomUUID();
    }

    private static List<Component> withObjectKeys(String code, List<Component> components, Instant now) {
        List<Component> keyed = new ArrayList<>();
        for (Component c : components) {
            keyed.add(!PENDING_KEY.equals(c.objectKey()) ? c
                    : c.withUpload(newObjectKey(code, c.code()), c.contentType(), now));
        }
        return keyed;
    }

    /** The upload instructions for components waiting for a file: URL, method, the header to send, limits, expiry. */
    static List<Map<String, Object>> uploadInstructions(UploadUrls uploads, List<Component> components) {
        List<Map<String, Object>> uploadList = new ArrayList<>();
        for (Component c : components) {
            if (c.objectKey() == null || c.state() != ComponentState.EXPECTED) {
                continue;
            }
            UploadUrls.UploadUrl url = uploads.issue(c.objectKey(), c.contentType(), c.maxBytes(), UPLOAD_URL_VALIDITY);
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("component", c.code());
            u.put("method", url.method());
            u.put("url", url.url());
            u.put("headers", Map.of("Content-Type", c.contentType()));
            u.put("maxBytes", c.maxBytes());
            u.put("expiresAt", url.expiresAt().toString());
            uploadList.add(u);
        }
        return uploadList;
    }

    private Map<String, Object> response(Dossier d, Procedure procedure, Agency agency, List<Component> components, Instant now) {
        List<Map<String, Object>> uploadList = uploadInstructions(uploads, components);
        List<Map<String, Object>> reused = components.stream().filter(c -> c.state() == ComponentState.SUBSTITUTED
                        && c.substitutedBy() != null && c.substitutedBy().startsWith(STORED_DOCUMENT))
                .map(c -> Map.<String, Object>of("component", c.code(),
                        "documentId", c.substitutedBy().substring(STORED_DOCUMENT.length())))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", d.code());
        body.put("status", d.status().name());
        body.put("statusText", Map.of("vi", d.status().label().vi(), "en", d.status().label().en()));
        body.put("procedure", Map.of("code", procedure.code(), "version", procedure.version(), "name", procedure.name()));
        body.put("agency", Map.of("id", agency.id(), "name", agency.name()));
        body.put("communeCode", d.communeCode());
        if (d.attributes().get(CaseChoice.ATTRIBUTE) != null) {
            body.put("caseGroup", d.attributes().get(CaseChoice.ATTRIBUTE));
        }
        body.put("createdAt", now.toString());
        body.put("uploads", uploadList);
        body.put("reused", reused);
        return body;
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter CANONICAL = Json.MAPPER.copy()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writer();

    static String canonical(JsonNode body, String rawBody) {
        if (body == null || body.isMissingNode()) {
            return rawBody == null ? "" : rawBody.strip();
        }
        try {
            return CANONICAL.writeValueAsString(Json.MAPPER.treeToValue(body, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Exponential backoff with full jitter (8 ms doubling, capped at 100 ms): filings that lost the agency's next
     * number spread out instead of colliding again, so a burst for one agency costs few wasted transactions.
     */
    private static void backoff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2 + Math.min(100L, 8L << Math.min(attempt, 6))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
