package vn.dvc.core.units;

import java.util.List;

/**
 * One result of {@link AdministrativeUnits#search(String, int)}.
 *
 * @param kind             what was matched
 * @param code             the matched unit's code (an old code for old units)
 * @param name             name as shown: "Thủ Đức" for a current unit, the full old name for an old unit
 * @param fullName         the full name on 1 July 2025 for current units, the old full name for old units
 * @param provinceCode     the CURRENT province (the successor province for an old unit)
 * @param provinceName     full name of that current province
 * @param quality          how well the name matched; results are sorted by it
 * @param successorCodes   for an old unit: the current unit code(s) it went to; empty for a current unit
 */
public record UnitMatch(Kind kind, String code, String name, String fullName, String provinceCode,
                        String provinceName, Quality quality, List<String> successorCodes) {

    public enum Kind {
        PROVINCE, COMMUNE, OLD_PROVINCE, OLD_DISTRICT, OLD_COMMUNE;

        public boolean isOld() {
            return this == OLD_PROVINCE || this == OLD_DISTRICT || this == OLD_COMMUNE;
        }
    }

    /** Best first: the whole name equals the query, the name starts with it, the name contains it. */
    public enum Quality { EXACT, PREFIX, CONTAINS }

    public UnitMatch {
        successorCodes = List.copyOf(successorCodes);
    }

    public boolean old() {
        return kind.isOld();
    }
}
