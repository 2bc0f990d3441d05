package vn.dvc.core.units;

import java.util.List;
import java.util.Objects;

/**
 * A province-level unit (tỉnh or centrally-run thành phố) from 1 July 2025: 34 of them, per Resolution
 * 202/2025/QH15 and Decision 19/2025/QĐ-TTg. {@code code} has 2 digits.
 */
public record Province(String code, String name, UnitType type, String fullName, List<TypeChange> typeChanges)
        implements CurrentUnit {
    public Province {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fullName, "fullName");
        if (!type.isProvinceLevel()) {
            throw new IllegalArgumentException("not a province-level type: " + type);
        }
        typeChanges = List.copyOf(typeChanges);
    }

    public Province(String code, String name, UnitType type, String fullName) {
        this(code, name, type, fullName, List.of());
    }

    @Override
    public String provinceCode() {
        return code;
    }
}
