package vn.dvc.core.validation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.text.LocalizedText;

/**
 * Validates a dossier in VALIDATING: complete -> VALIDATED (the fee step follows); incomplete -> NEEDS_SUPPLEMENT
 * with a reason per component in Vietnamese and English. Acts only on the version it was told about, so a
 * redelivered or stale message changes nothing.
 */
public final class ValidationService {
    private static final Actor ACTOR = Actor.system("validation-worker");
    private final DossierStore store;
    private final Clock clock;

    public ValidationService(DossierStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public enum Outcome { VALIDATED, NEEDS_SUPPLEMENT, STALE, NOT_FOUND }

    public Outcome validate(String code, long version) {
        Optional<Dossier> found = store.find(code);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        Dossier dossier = found.get();
        if (dossier.status() != DossierStatus.VALIDATING || dossier.version() != version) {
            return Outcome.STALE;
        }
        List<Component> components = store.components(code);
        List<CompletenessCheck.Missing> missing = CompletenessCheck.missing(components);
        Instant now = clock.instant();
        DossierStatus next = missing.isEmpty() ? DossierStatus.VALIDATED : DossierStatus.NEEDS_SUPPLEMENT;
        HistoryEvent event = new HistoryEvent(now, ACTOR, missing.isEmpty() ? "VALIDATED" : "SUPPLEMENT_NEEDED",
                dossier.status(), next, missing.isEmpty() ? null : LocalizedText.of(
                        "Hồ sơ chưa đầy đủ.", "The dossier is incomplete."),
                Map.of("missing", missing.stream().map(m -> Map.of("component", m.component(),
                        "reason", Map.of("vi", m.reason().vi(), "en", m.reason().en()))).toList()));
        try {
            store.apply(new DossierStore.Change(code, version, next, Map.of(), List.of(), event));
        } catch (DossierStore.ConcurrentChangeException e) {
            return Outcome.STALE; // someone moved it meanwhile; their change produces its own message
        }
        return missing.isEmpty() ? Outcome.VALIDATED : Outcome.NEEDS_SUPPLEMENT;
    }
}
