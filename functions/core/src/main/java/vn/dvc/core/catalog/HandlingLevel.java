package vn.dvc.core.catalog;

/**
 * The level of government that handles a procedure. There is no district level since
 * 1 July 2025 (two-level local government, Resolution 202/2025/QH15 and Decision 19/2025/QĐ-TTg).
 */
public enum HandlingLevel {
    COMMUNE,
    PROVINCE,
    CENTRAL
}
