package vn.dvc.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.core.catalog.DocumentComponent;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierAccess;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.security.Caller;
import vn.dvc.core.text.LocalizedText;

/**
 * {@code POST /dossiers/{code}/documents}: fresh upload URLs to replace a file (a quarantined one, say) or add one,
 * while the dossier still accepts documents. Each URL is bound to a new object key, so a late upload to an older URL
 * is ignored by the processor (superseded). Only the applicant or the assistant who filed it may ask; anyone else
 * is told the dossier does not exist.
 */
public final class DocumentUploads {
    private static final int MAX_ATTEMPTS = 5;

    private final DossierStore store;
    private final ProcedureSource procedures;
    private final UploadUrls uploads;
    private final ApplicantKeys keys;
    private final Clock clock;

    public DocumentUploads(DossierStore store, ProcedureSource procedures, UploadUrls uploads, ApplicantKeys keys, Clock clock) {
        this.store = store;
        this.procedures = procedures;
        this.uploads = uploads;
        this.keys = keys;
        this.clock = clock;
    }

    public Map<String, Object> issue(Caller caller, String code, JsonNode body) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Dossier dossier = owned(store, keys, caller, code); // before reading the body: strangers learn nothing
            List<FilingRequest.Upload> requested = parse(body);
            if (!dossier.status().acceptsDocuments()) {
                throw ApiException.conflict("DOCUMENTS_CLOSED", "Hồ sơ ở trạng thái \"" + dossier.status().label().vi()
                        + "\" không nhận thêm tài liệu.", "The dossier (" + dossier.status().label().en()
                        + ") no longer accepts documents.");
            }
            Procedure procedure = procedures.version(dossier.procedureCode(), dossier.procedureVersion())
                    .or(() -> procedures.current(dossier.procedureCode()))
                    .orElseThrow(() -> ApiException.conflict("PROCEDURE_UNAVAILABLE",
                            "Thủ tục của hồ sơ không còn trong danh mục.", "The dossier's procedure is no longer listed."));
            // Only the components of the dossier's own case (trường hợp) may be added: see CaseChoice.
            Object caseGroup = dossier.attributes() == null ? null : dossier.attributes().get(CaseChoice.ATTRIBUTE);
            Map<String, DocumentComponent> known = new LinkedHashMap<>();
            CaseChoice.componentsOf(procedure, caseGroup == null ? null : caseGroup.toString())
                    .forEach(c -> known.put(c.code(), c));
            check(requested, known);

            Map<String, Component> current = new LinkedHashMap<>();
            store.components(code).forEach(c -> current.put(c.code(), c));
            Instant now = clock.instant();
            List<Component> changed = new ArrayList<>();
            for (FilingRequest.Upload u : requested) {
                DocumentComponent spec = known.get(u.component());
                Component existing = current.get(u.component());
                boolean required = existing != null ? existing.required() : Boolean.TRUE.equals(spec.required());
                Component fresh = new Component(spec.code(), required, ComponentState.EXPECTED,
                        FilingService.newObjectKey(code, spec.code()), u.contentType(), FilingService.maxBytes(spec), null,
                        null, null, null, now);
                changed.add(fresh);
            }
            Actor actor = new Actor(caller.role(), caller.subject(), caller.agencyId());
            HistoryEvent event = new HistoryEvent(now, actor, "UPLOAD_URLS_ISSUED", dossier.status(), dossier.status(), null,
                    Map.of("components", changed.stream().map(Component::code).toList()));
            try {
                store.apply(new DossierStore.Change(code, dossier.version(), null, Map.of(), changed, event));
            } catch (DossierStore.ConcurrentChangeException e) {
                continue; // the processor or a worker moved it meanwhile: read again, decide again
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("code", code);
            response.put("status", dossier.status().name());
            response.put("statusText", Map.of("vi", dossier.status().label().vi(), "en", dossier.status().label().en()));
            response.put("uploads", FilingService.uploadInstructions(uploads, changed));
            return response;
        }
        throw new ApiException(503, "BUSY", LocalizedText.of("Hệ thống đang bận, vui lòng thử lại.",
                "The service is busy; please retry."));
    }

    /** The dossier if the caller is its applicant or the assistant who filed it; 404 otherwise (codes cannot be probed). */
    static Dossier owned(DossierStore store, ApplicantKeys keys, Caller caller, String code) {
        if (!DossierCode.isWellFormed(code)) {
            throw ApiException.badRequest("MALFORMED_DOSSIER_CODE", "Mã hồ sơ không đúng định dạng.",
                    "The dossier code is malformed.");
        }
        return store.find(code).filter(d -> DossierAccess.isApplicantOrFiler(caller, d, keys))
                .orElseThrow(() -> ApiException.notFound("DOSSIER_NOT_FOUND", "Không tìm thấy hồ sơ.", "No such dossier."));
    }

    /** The body: {@code [{component, contentType}]} or {@code {"components": [...]}}, as at filing. */
    private static List<FilingRequest.Upload> parse(JsonNode body) {
        JsonNode list = body != null && body.isObject() ? body.path("components") : body;
        List<Map<String, Object>> problems = new ArrayList<>();
        List<FilingRequest.Upload> uploads = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > 50) {
            problems.add(Map.of("field", "components", "code", "REQUIRED"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String component = item.path("component").isTextual() ? item.path("component").asText().strip() : null;
                String type = item.path("contentType").isTextual() ? item.path("contentType").asText().strip() : null;
                if (component == null || component.isEmpty() || component.length() > 64) {
                    problems.add(Map.of("field", "components[" + i + "].component", "code", "REQUIRED"));
                }
                if (type == null || type.isEmpty() || type.length() > 100) {
                    problems.add(Map.of("field", "components[" + i + "].contentType", "code", "REQUIRED"));
                }
                if (problems.isEmpty()) {
                    uploads.add(new FilingRequest.Upload(component, type));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "VALIDATION_FAILED", LocalizedText.of(
                    "Cần danh sách thành phần hồ sơ và loại tệp.", "A list of components and content types is required."), problems);
        }
        return uploads;
    }

    private static void check(List<FilingRequest.Upload> requested, Map<String, DocumentComponent> known) {
        List<Map<String, Object>> problems = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FilingRequest.Upload u : requested) {
            DocumentComponent c = known.get(u.component());
            if (c == null) {
                problems.add(Map.of("field", "components", "component", u.component(), "code", "UNKNOWN_COMPONENT"));
            } else if (!c.acceptedTypes().isEmpty() && !c.acceptedTypes().contains(u.contentType())) {
                problems.add(Map.of("field", "components", "component", u.component(), "code", "UNSUPPORTED_CONTENT_TYPE",
                        "accepted", c.acceptedTypes()));
            } else if (!seen.add(u.component())) {
                problems.add(Map.of("field", "components", "component", u.component(), "code", "DUPLICATE_COMPONENT"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "INVALID_COMPONENTS", LocalizedText.of(
                    "Thành phần hồ sơ không hợp lệ.", "Some document components are invalid."), problems);
        }
    }
}
