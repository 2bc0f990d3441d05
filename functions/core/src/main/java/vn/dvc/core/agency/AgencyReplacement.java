package vn.dvc.core.agency;

import java.time.Instant;
import java.util.Objects;

/**
 * One operator replacement of an agency's generated values: the agency as it now reads ({@code generated} false)
 * and who supplied it when. Revisions count from 1 per agency (the generated values are revision 0) and are never
 * overwritten, so the history of an agency's values is kept.
 *
 * @param replacedBy the operator's subject, as {@code operator:<sub>}
 */
public record AgencyReplacement(Agency agency, int revision, String replacedBy, Instant replacedAt) {
    public AgencyReplacement {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(replacedBy, "replacedBy");
        Objects.requireNonNull(replacedAt, "replacedAt");
        if (agency.generated()) {
            throw new IllegalArgumentException("a replacement is operator-supplied, never generated: " + agency.id());
        }
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1: " + revision);
        }
    }
}
