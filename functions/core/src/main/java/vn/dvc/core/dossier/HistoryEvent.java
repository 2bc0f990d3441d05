package vn.dvc.core.dossier;

import java.time.Instant;
import java.util.Map;
import vn.dvc.core.text.LocalizedText;

/**
 * An append-only audit entry, written in the same transaction as the change it records: who, what, from/to, when, why.
 * {@code details} carries plain, non-personal facts (component codes, amounts, due dates).
 */
public record HistoryEvent(
        Instant at,
        Actor actor,
        String action,
        DossierStatus from,
        DossierStatus to,
        LocalizedText reason,
        Map<String, Object> details) {

    public static HistoryEvent of(Instant at, Actor actor, String action, DossierStatus from, DossierStatus to) {
        return new HistoryEvent(at, actor, action, from, to, null, Map.of());
    }
}
