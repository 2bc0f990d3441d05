package vn.dvc.core.units;

import vn.dvc.core.text.LocalizedText;

/**
 * Types of administrative unit in the two-level local government in force from 1 July 2025
 * (Constitution art. 110 as amended on 16 June 2025; Law on Organisation of Local Government 2025).
 * Province level: {@code tỉnh}, {@code thành phố} (centrally-run city); commune level: {@code xã},
 * {@code phường}, {@code đặc khu} (special zone). There is no district level any more.
 */
public enum UnitType {
    PROVINCE("tỉnh", "province", true),
    CITY("thành phố", "city", true),
    COMMUNE("xã", "commune", false),
    WARD("phường", "ward", false),
    SPECIAL_ZONE("đặc khu", "special zone", false);

    private final String vietnamese;
    private final String english;
    private final boolean provinceLevel;

    UnitType(String vietnamese, String english, boolean provinceLevel) {
        this.vietnamese = vietnamese;
        this.english = english;
        this.provinceLevel = provinceLevel;
    }

    /** The type word as written inside a name, lower case: "tỉnh", "thành phố", "xã", "phường", "đặc khu". */
    public String vietnamese() {
        return vietnamese;
    }

    public LocalizedText label() {
        return LocalizedText.of(vietnamese, english);
    }

    public boolean isProvinceLevel() {
        return provinceLevel;
    }

    /** The official full name for a unit of this type: "Phường Ba Đình", "Thành phố Hà Nội". */
    public String fullNameOf(String name) {
        return Character.toUpperCase(vietnamese.charAt(0)) + vietnamese.substring(1) + " " + name;
    }

    /** Parses the lower-case Vietnamese type word used in the data files. */
    public static UnitType fromVietnamese(String word) {
        for (UnitType type : values()) {
            if (type.vietnamese.equals(word)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown administrative unit type: " + word);
    }
}
