package vn.dvc.core.stats;

/**
 * What a statistics request is about: the whole country, a province, an agency or a commune.
 *
 * @param provinceCode the province the scope lies in (null for the country)
 * @param resolvedFrom the old unit code the caller gave, when it was read as today's unit; else null
 */
public record StatsScope(Kind kind, String code, String name, String provinceCode, String resolvedFrom) {
    public enum Kind { COUNTRY, PROVINCE, AGENCY, COMMUNE }

    public static final String COUNTRY_CODE = "VN";

    /** The partition of this scope's counters: {@code COUNTRY#VN}, {@code PROVINCE#01}, {@code AGENCY#X00004.UBND}. */
    public String key() {
        return kind.name() + "#" + code;
    }

    public static String key(Kind kind, String code) {
        return kind.name() + "#" + code;
    }
}
