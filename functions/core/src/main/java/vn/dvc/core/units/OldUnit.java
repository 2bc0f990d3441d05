package vn.dvc.core.units;

/**
 * An administrative unit that existed until 30 June 2025 (63 provinces, 696 districts, 10,047 communes). Dossiers
 * filed under an old unit must still be settled, so old codes resolve to the units that absorbed them.
 */
public sealed interface OldUnit permits OldProvince, OldDistrict, OldCommune {
    String code();

    /** Full old name with its type: "Tỉnh Hà Giang", "Quận Ba Đình", "Phường Phúc Xá". */
    String name();

    /** The old province the unit belonged to (its own code for a province). */
    String oldProvinceCode();
}
