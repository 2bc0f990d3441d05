package vn.dvc.core.agency;

/**
 * The level of local government an agency belongs to. From 1 July 2025 there are two (Law on Organisation of
 * Local Government 2025): province and commune; the district level no longer exists.
 */
public enum AgencyLevel {
    COMMUNE('X'),
    PROVINCE('T');

    private final char idPrefix;

    AgencyLevel(char idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** First letter of the agency ids of this level: X (xã) for commune level, T (tỉnh) for province level. */
    public char idPrefix() {
        return idPrefix;
    }
}
