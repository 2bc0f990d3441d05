package vn.dvc.core.units;

import java.util.List;

/**
 * A commune-level unit (xã, phường, thị trấn) as it was until 30 June 2025. It went wholly into one new commune
 * (one row, {@link MappingRow.Portion#FULL}) or was split across 2–5 new communes (all rows
 * {@link MappingRow.Portion#PARTIAL}); which part of a split commune went where depends on the address.
 */
public record OldCommune(String code, String name, String districtCode, String oldProvinceCode,
                         List<MappingRow> rows) implements OldUnit {
    public OldCommune {
        rows = List.copyOf(rows);
    }

    public boolean isSplit() {
        return rows.stream().anyMatch(row -> row.portion() == MappingRow.Portion.PARTIAL);
    }

    public List<String> newCommuneCodes() {
        return rows.stream().map(MappingRow::newCommuneCode).distinct().toList();
    }

    /** The new province: all rows of one old commune point into the same new province. */
    public String newProvinceCode() {
        return rows.get(0).newProvinceCode();
    }
}
