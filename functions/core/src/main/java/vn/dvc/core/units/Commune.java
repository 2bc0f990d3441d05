package vn.dvc.core.units;

import java.util.List;
import java.util.Objects;

/**
 * A commune-level unit (xã, phường or đặc khu) from 1 July 2025: 3,321 of them, created by the 34 resolutions
 * 1654–1687/NQ-UBTVQH15 and coded by Decision 19/2025/QĐ-TTg. {@code code} has 5 digits and is never reused.
 */
public record Commune(String code, String name, UnitType type, String provinceCode, String fullName,
                      List<TypeChange> typeChanges) implements CurrentUnit {
    public Commune {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provinceCode, "provinceCode");
        Objects.requireNonNull(fullName, "fullName");
        if (type.isProvinceLevel()) {
            throw new IllegalArgumentException("not a commune-level type: " + type);
        }
        typeChanges = List.copyOf(typeChanges);
    }

    public Commune(String code, String name, UnitType type, String provinceCode, String fullName) {
        this(code, name, type, provinceCode, fullName, List.of());
    }
}
