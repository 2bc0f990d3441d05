package vn.dvc.core.units;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A change of a current unit's type after 1 July 2025 (the code stays the same), e.g. Đồng Nai becoming a
 * centrally-run city under Resolution 30/2026/QH16 from 30 April 2026.
 *
 * @param from           the type before the change
 * @param to             the type from {@code effectiveFrom} on
 * @param effectiveFrom  first day the new type applies
 * @param legalBasis     the resolution that made the change, as given in the data
 * @param evidence       where the change was found; {@link #confirmedInData()} tells a change present in the
 *                       source dataset from one only reported in an issue tracker
 */
public record TypeChange(UnitType from, UnitType to, LocalDate effectiveFrom, String legalBasis, String evidence) {
    public TypeChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    }

    /** True when the source dataset itself carries the change; false when it was only reported (less certain). */
    public boolean confirmedInData() {
        return evidence != null && evidence.startsWith("in data");
    }

    /** The type of a unit on {@code date}, given its type on 1 July 2025 and its later changes. */
    static UnitType typeOn(UnitType typeOn20250701, java.util.List<TypeChange> changes, LocalDate date) {
        Objects.requireNonNull(date, "date");
        UnitType type = typeOn20250701;
        LocalDate latestApplied = null;
        for (TypeChange change : changes) {
            if (!date.isBefore(change.effectiveFrom())
                    && (latestApplied == null || change.effectiveFrom().isAfter(latestApplied))) {
                type = change.to();
                latestApplied = change.effectiveFrom();
            }
        }
        return type;
    }
}
