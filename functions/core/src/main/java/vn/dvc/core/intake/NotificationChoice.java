package vn.dvc.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierAccess;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.notify.ContactPreferences;
import vn.dvc.core.notify.NotificationPreference;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.LocalizedText;

/**
 * {@code PUT /dossiers/{code}/notification} (issue 7): the applicant changes the channels, fallback and language of
 * their notifications; the next notification follows the new choice. The applicant citizen only: a dossier the
 * caller may not read is 404 (codes cannot be probed), one they may read but do not own (official, supervisor,
 * operator, the assistant who filed it) is 403. The write is conditional on the dossier's version (a step that moved
 * the dossier meanwhile makes it read and decide again); the same choice again answers 200 and writes nothing.
 * With {@code If-Match: <version>} the change applies only to that version of the dossier (409 otherwise).
 * The history event names the channels and language only, never an address.
 */
public final class NotificationChoice {
    public static final String ACTION = "NOTIFICATION_CHANGED";
    private static final int MAX_ATTEMPTS = 5;

    private final DossierStore store;
    private final ApplicantKeys keys;
    private final Clock clock;

    public NotificationChoice(DossierStore store, ApplicantKeys keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param expectedVersion the dossier version the client last saw ({@code If-Match}); null: the current one. A
     *                        dossier at another version is 409 {@code VERSION_MISMATCH}, nothing written.
     */
    public Map<String, Object> change(Caller caller, String code, JsonNode body, Long expectedVersion) {
        if (!DossierCode.isWellFormed(code)) {
            throw ApiException.badRequest("MALFORMED_DOSSIER_CODE", "Mã hồ sơ không đúng định dạng.",
                    "The dossier code is malformed.");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Dossier dossier = store.find(code).filter(d -> DossierAccess.canRead(caller, d, keys))
                    .orElseThrow(() -> ApiException.notFound("DOSSIER_NOT_FOUND", "Không tìm thấy hồ sơ.", "No such dossier."));
            if (caller.role() != Role.CITIZEN || !DossierAccess.isApplicantOrFiler(caller, dossier, keys)) {
                throw ApiException.forbidden("APPLICANT_ONLY", "Chỉ người nộp hồ sơ được chọn cách nhận thông báo.",
                        "Only the applicant may choose how to be notified.");
            }
            if (expectedVersion != null && expectedVersion != dossier.version()) {
                throw ApiException.conflict("VERSION_MISMATCH", "Hồ sơ đã thay đổi (phiên bản " + dossier.version()
                        + "); hãy tải lại rồi chọn lại.", "The dossier changed (version " + dossier.version()
                        + "); reload it and choose again.");
            }
            NotificationPreference preference = NotificationPreference.parse(body);
            preference.requireContacts(dossier.applicant());
            Map<String, Object> stored = preference.toAttribute();
            Object current = dossier.attributes() == null ? null : dossier.attributes().get(ContactPreferences.ATTRIBUTE);
            if (stored.equals(current)) {
                return response(code, preference, dossier.version(), dossier.updatedAt());
            }
            Instant now = clock.instant();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("channels", stored.get("channels"));
            details.put("language", stored.get("language"));
            HistoryEvent event = new HistoryEvent(now, new Actor(caller.role(), caller.subject(), null), ACTION,
                    dossier.status(), dossier.status(), null, details);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put(ContactPreferences.ATTRIBUTE, stored);
            try {
                store.apply(new DossierStore.Change(code, dossier.version(), null, attributes, List.of(), event));
                return response(code, preference, dossier.version() + 1, now);
            } catch (DossierStore.ConcurrentChangeException e) {
                // a step moved the dossier meanwhile: read again, decide again
            }
        }
        throw new ApiException(503, "BUSY", LocalizedText.of("Hệ thống đang bận, vui lòng thử lại.",
                "The service is busy; please retry."));
    }

    private static Map<String, Object> response(String code, NotificationPreference preference, long version, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("notification", preference.view());
        body.put("version", version);
        body.put("updatedAt", at == null ? null : at.toString());
        return body;
    }
}
