package vn.dvc.core.agency;

import vn.dvc.core.text.LocalizedText;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An agency that receives or settles dossiers: a commune's People's Committee, service centre or police, or a
 * province's service centre, police or department.
 *
 * <p>{@code id} is OUR deterministic, URL-safe identifier ({@code [A-Z0-9.]+}), used as the prefix of dossier
 * codes: {@code X<communeCode>.<kind>} for commune agencies ({@code X00004.UBND}), {@code T<provinceCode>.<kind>}
 * for province agencies ({@code T01.STP}). It is NOT the agency's official electronic identification code
 * (mã định danh điện tử, Decision 20/2020/QĐ-TTg), which is not available in the bundled data.
 *
 * <p>Real addresses and hotlines are not known either: a {@code generated} agency has {@code address} and
 * {@code hotline} null and a name built from the unit's name. An operator replaces generated values through
 * {@link Agencies#withOverrides}; those records have {@code generated} false.
 *
 * @param unitCode     the commune code (commune level) or province code (province level) the agency serves
 * @param provinceCode the province of that unit
 * @param address      null when unknown
 * @param hotline      null when unknown
 * @param generated    true when built from the unit list rather than provided by an operator
 * @param officialCode the official electronic identification code (mã định danh điện tử); null when unknown
 */
public record Agency(String id, LocalizedText name, AgencyLevel level, AgencyKind kind, String unitCode,
                     String provinceCode, String address, String hotline, boolean generated, String officialCode) {

    /** An agency whose official code is not known. */
    public Agency(String id, LocalizedText name, AgencyLevel level, AgencyKind kind, String unitCode,
                  String provinceCode, String address, String hotline, boolean generated) {
        this(id, name, level, kind, unitCode, provinceCode, address, hotline, generated, null);
    }

    private static final Pattern ID = Pattern.compile("[A-Z0-9.]+");

    public Agency {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unitCode, "unitCode");
        Objects.requireNonNull(provinceCode, "provinceCode");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("agency id must match [A-Z0-9.]+: " + id);
        }
        if (!kind.existsAt(level)) {
            throw new IllegalArgumentException(kind + " does not exist at " + level + " level");
        }
        if (!id.equals(idOf(level, unitCode, kind))) {
            throw new IllegalArgumentException("agency id " + id + " does not match its level, unit and kind");
        }
        if (level == AgencyLevel.PROVINCE && !unitCode.equals(provinceCode)) {
            throw new IllegalArgumentException("a province agency's unit is its province: " + id);
        }
    }

    /** The id of the agency of {@code kind} serving unit {@code unitCode} at {@code level}. */
    public static String idOf(AgencyLevel level, String unitCode, AgencyKind kind) {
        return level.idPrefix() + unitCode + "." + kind.idSuffix();
    }

    /** Format check only: {@code [A-Z0-9.]+}. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
