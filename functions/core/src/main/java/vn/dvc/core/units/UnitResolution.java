package vn.dvc.core.units;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a unit code means: a current unit, an old unit and where it went, or nothing.
 * Produced by {@link AdministrativeUnits#resolve(String, LocalDate)}, which documents the precedence rules.
 */
public sealed interface UnitResolution {
    /** The code as given. */
    String code();

    /** The code names a current unit (province or commune in force from 1 July 2025). */
    record Current(String code, CurrentUnit unit, LocalDate asOf, UnitResolution formerMeaning)
            implements UnitResolution {
        /**
         * @param formerMeaning the code's meaning as a pre-reform code when it was ALSO an old unit's code and that
         *                      old unit did not go wholly into {@code unit} (e.g. 00097 is the new Phường Hồng Hà
         *                      and was the old Phường Tứ Liên, which was split into 00097 and 00103); null otherwise.
         *                      Matters only for data recorded before 1 July 2025.
         */
        public Current {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(asOf, "asOf");
        }

        public Optional<UnitResolution> formerMeaningIfDifferent() {
            return Optional.ofNullable(formerMeaning);
        }

        /** The unit's type on {@link #asOf()} (later type changes applied). */
        public UnitType type() {
            return unit.typeOn(asOf);
        }

        /** The unit's full name on {@link #asOf()}. */
        public String fullName() {
            return unit.fullNameOn(asOf);
        }
    }

    /**
     * An old unit that went as a whole into one current unit: an old commune into a new commune
     * ({@code successor} is a {@link Commune}), or an old province into a new province (a {@link Province}).
     */
    record Merged(String code, OldUnit oldUnit, CurrentUnit successor) implements UnitResolution {
        public Merged {
            Objects.requireNonNull(oldUnit, "oldUnit");
            Objects.requireNonNull(successor, "successor");
        }
    }

    /**
     * An old commune split across several new communes (every mapping row "partial"). All candidates are given;
     * the caller must choose by the address detail (village, street) — the data here cannot tell which part went
     * where.
     */
    record Split(String code, OldCommune oldUnit, List<Commune> candidates, Province province)
            implements UnitResolution {
        public Split {
            Objects.requireNonNull(oldUnit, "oldUnit");
            candidates = List.copyOf(candidates);
            if (candidates.size() < 2) {
                throw new IllegalArgumentException("a split has at least 2 candidates");
            }
        }
    }

    /**
     * An old district: the district level was abolished on 1 July 2025. Its territory lies wholly in
     * {@code province}, spread over {@code communes} (the new communes its communes went to, wholly or in part).
     */
    record DistrictAbolished(String code, OldDistrict oldUnit, Province province, List<Commune> communes)
            implements UnitResolution {
        public DistrictAbolished {
            Objects.requireNonNull(oldUnit, "oldUnit");
            Objects.requireNonNull(province, "province");
            communes = List.copyOf(communes);
        }
    }

    /**
     * Nothing has this code. {@code malformed} is true when the code cannot be a unit code at all (not 2, 3 or
     * 5 ASCII digits): an API answers 400 for that and 404 otherwise.
     */
    record Unknown(String code, boolean malformed) implements UnitResolution {
    }
}
