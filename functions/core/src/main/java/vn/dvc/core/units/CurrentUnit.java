package vn.dvc.core.units;

import java.time.LocalDate;
import java.util.List;

/**
 * A unit of the two-level local government in force from 1 July 2025: a {@link Province} or a {@link Commune}.
 * {@link #type()} and {@link #fullName()} are the values of Decision 19/2025/QĐ-TTg (list of administrative unit
 * codes, effective 1 July 2025); later type changes apply through {@link #typeOn(LocalDate)}. Codes never change.
 */
public sealed interface CurrentUnit permits Province, Commune {
    String code();

    /** Name without the type word: "Ba Đình". */
    String name();

    /** Type on 1 July 2025. */
    UnitType type();

    /** Full name on 1 July 2025: "Phường Ba Đình". */
    String fullName();

    /** The province code: the unit's own code for a province. */
    String provinceCode();

    /** Type changes after 1 July 2025, in order of effective date; usually empty. */
    List<TypeChange> typeChanges();

    /** The unit's type on {@code date} (type changes after 1 July 2025 applied by effective date). */
    default UnitType typeOn(LocalDate date) {
        return TypeChange.typeOn(type(), typeChanges(), date);
    }

    /** The unit's full name on {@code date}: "Tỉnh Đồng Nai" before 30/04/2026, "Thành phố Đồng Nai" from then. */
    default String fullNameOn(LocalDate date) {
        UnitType typeOnDate = typeOn(date);
        return typeOnDate == type() ? fullName() : typeOnDate.fullNameOf(name());
    }
}
