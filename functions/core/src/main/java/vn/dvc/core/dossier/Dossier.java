package vn.dvc.core.dossier;

import java.time.Instant;
import java.util.Map;

/**
 * A dossier (hồ sơ). {@code version} increases with every change: writers state the version they read, so two
 * concurrent steps can never both win. The applicant is kept in {@link Applicant}; only its keyed hash is indexed.
 */
public record Dossier(
        String code,
        String procedureCode,
        int procedureVersion,
        DossierStatus status,
        long version,
        String agencyId,
        String communeCode,
        String provinceCode,
        Channel channel,
        Applicant applicant,
        String applicantKey,
        Actor submittedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant dueAt,
        Map<String, Object> form,
        Map<String, Object> attributes) {

    public boolean isFiledBy(Actor actor) {
        return submittedBy != null && actor != null && submittedBy.role() == actor.role()
                && submittedBy.id() != null && submittedBy.id().equals(actor.id());
    }
}
