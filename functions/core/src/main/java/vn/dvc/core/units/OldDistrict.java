package vn.dvc.core.units;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A district-level unit as it was until 30 June 2025. The district level was abolished on 1 July 2025: its
 * communes went to new communes of one new province ({@code newProvinceCode}); no district crosses provinces.
 * The 5 island districts with no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) became a đặc khu each.
 *
 * @param rows the mapping rows of all its communes
 */
public record OldDistrict(String code, String name, String oldProvinceCode, String newProvinceCode,
                          List<MappingRow> rows) implements OldUnit {
    public OldDistrict {
        rows = List.copyOf(rows);
    }

    /** The new communes its territory went to, in data order, without repeats. */
    public Set<String> newCommuneCodes() {
        Set<String> codes = new LinkedHashSet<>();
        rows.forEach(row -> codes.add(row.newCommuneCode()));
        return codes;
    }

    /** True for the 5 island districts that had no commune-level units and map as a whole. */
    public boolean hadNoCommunes() {
        return rows.stream().allMatch(row -> row.oldCommuneCode() == null);
    }
}
