package vn.dvc.core.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The counter increments one committed dossier change makes, on the day it happened (Vietnam time), for the
 * dossier's agency, commune, province and procedure.
 *
 * @param dedupeKey the change's identity: {@code <dossierCode>#<version>#<kind>} (a dossier's version is unique per
 *                  committed change, so a duplicated stream record or an SQS redelivery carries the same key)
 */
public record StatsDelta(String dedupeKey, LocalDate day, String agencyId, String communeCode, String provinceCode,
                         String procedureCode, Map<String, Long> increments) {

    /** One counter row to increment: the scope partition and its row ({@code T}, or a dimension and its key). */
    public record Target(String scopeKey, String dimension, String rowKey) {
        public String sortKey(LocalDate day) {
            return rowKey == null ? dimension + "#" + day : dimension + "#" + day + "#" + rowKey;
        }
    }

    public static final String TOTAL = "T";

    /**
     * Every counter row this delta touches: per scope its total, plus the rows that scope can be broken down by
     * (a scope is never broken down by its own kind). 14 rows; with the dedupe marker, one 15-item transaction.
     */
    public List<Target> targets() {
        List<Target> t = new ArrayList<>();
        String country = StatsScope.key(StatsScope.Kind.COUNTRY, StatsScope.COUNTRY_CODE);
        String province = StatsScope.key(StatsScope.Kind.PROVINCE, provinceCode);
        String agency = StatsScope.key(StatsScope.Kind.AGENCY, agencyId);
        String commune = StatsScope.key(StatsScope.Kind.COMMUNE, communeCode);
        for (String scope : List.of(country, province)) {
            t.add(new Target(scope, TOTAL, null));
            t.add(new Target(scope, Dimension.AGENCY.name(), agencyId));
            t.add(new Target(scope, Dimension.COMMUNE.name(), communeCode));
            t.add(new Target(scope, Dimension.PROCEDURE.name(), procedureCode));
        }
        t.add(new Target(agency, TOTAL, null));
        t.add(new Target(agency, Dimension.COMMUNE.name(), communeCode));
        t.add(new Target(agency, Dimension.PROCEDURE.name(), procedureCode));
        t.add(new Target(commune, TOTAL, null));
        t.add(new Target(commune, Dimension.AGENCY.name(), agencyId));
        t.add(new Target(commune, Dimension.PROCEDURE.name(), procedureCode));
        return t;
    }
}
