package vn.dvc.core.units;

import java.util.Objects;

/**
 * One row of the old→new mapping: (old commune → new commune) as set by the 34 resolutions
 * 1654–1687/NQ-UBTVQH15 (rearrangement of commune-level units, effective 1 July 2025). The mapping was compiled
 * by dvhcvn/20250701 with an LLM and checked against the official reference map sapnhap.bando.com.vn: high
 * quality, not an official dataset (see {@code data/admin-units/SOURCE.md}).
 *
 * @param oldCommuneCode  null only for the 5 island districts that had no communes (they map as a whole)
 * @param oldCommuneName  full old name with its type ("Phường Phúc Xá"); null when {@code oldCommuneCode} is
 * @param portion         whether the whole old commune or only part of it went into {@code newCommuneCode}
 * @param bandoCheck      "match", "no_match" or "n/a": the independent check against the reference map
 * @param note            correction or caveat for this row; null when none
 */
public record MappingRow(String oldCommuneCode, String oldCommuneName,
                         String oldDistrictCode, String oldDistrictName,
                         String oldProvinceCode, String oldProvinceName,
                         String newCommuneCode, String newProvinceCode,
                         Portion portion, String bandoCheck, String note) {

    public enum Portion { FULL, PARTIAL }

    public MappingRow {
        Objects.requireNonNull(oldDistrictCode, "oldDistrictCode");
        Objects.requireNonNull(oldProvinceCode, "oldProvinceCode");
        Objects.requireNonNull(newCommuneCode, "newCommuneCode");
        Objects.requireNonNull(newProvinceCode, "newProvinceCode");
        Objects.requireNonNull(portion, "portion");
    }
}
