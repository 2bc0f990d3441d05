package vn.dvc.core.fees;

/** Why a fee line's amount differs from its national base amount. */
public enum AdjustmentKind {
    PROVINCE_LEVEL,
    ONLINE_REDUCTION,
    EXEMPTION
}
