package vn.dvc.core.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.security.Caller;
import vn.dvc.core.text.LocalizedText;

/**
 * {@code POST /dossiers/{code}/withdraw}: the applicant (or the assistant who filed it) withdraws a dossier before a
 * decision (the state machine allows WITHDRAWN from every status before APPROVED/REFUSED). After a decision: 409.
 * Safe to retry: a withdrawn dossier answers 200 with the same state, nothing written again.
 */
public final class Withdrawal {
    static final String WITHDRAWN_AT = "withdrawnAt";
    private static final int MAX_ATTEMPTS = 5;

    private final DossierStore store;
    private final ApplicantKeys keys;
    private final Clock clock;

    public Withdrawal(DossierStore store, ApplicantKeys keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    public Map<String, Object> withdraw(Caller caller, String code) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Dossier dossier = DocumentUploads.owned(store, keys, caller, code);
            if (dossier.status() == DossierStatus.WITHDRAWN) {
                Object at = dossier.attributes() == null ? null : dossier.attributes().get(WITHDRAWN_AT);
                return response(code, at == null ? dossier.updatedAt().toString() : at.toString());
            }
            if (!dossier.status().canMoveTo(DossierStatus.WITHDRAWN)) {
                throw ApiException.conflict("WITHDRAWAL_NOT_ALLOWED", "Hồ sơ đã có quyết định (\""
                        + dossier.status().label().vi() + "\") nên không thể rút.", "The dossier already has a decision ("
                        + dossier.status().label().en() + ") and cannot be withdrawn.");
            }
            Instant now = clock.instant();
            Actor actor = new Actor(caller.role(), caller.subject(), caller.agencyId());
            HistoryEvent event = new HistoryEvent(now, actor, "WITHDRAWN", dossier.status(), DossierStatus.WITHDRAWN,
                    LocalizedText.of("Người nộp rút hồ sơ.", "The applicant withdrew the dossier."), Map.of());
            try {
                store.apply(new DossierStore.Change(code, dossier.version(), DossierStatus.WITHDRAWN,
                        Map.of(WITHDRAWN_AT, now.toString()), java.util.List.of(), event));
                return response(code, now.toString());
            } catch (DossierStore.ConcurrentChangeException e) {
                // a step moved it meanwhile (or a concurrent withdrawal won): read again, decide again
            }
        }
        throw new ApiException(503, "BUSY", LocalizedText.of("Hệ thống đang bận, vui lòng thử lại.",
                "The service is busy; please retry."));
    }

    private static Map<String, Object> response(String code, String withdrawnAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("status", DossierStatus.WITHDRAWN.name());
        body.put("statusText", Map.of("vi", DossierStatus.WITHDRAWN.label().vi(), "en", DossierStatus.WITHDRAWN.label().en()));
        body.put("withdrawnAt", withdrawnAt);
        return body;
    }
}
