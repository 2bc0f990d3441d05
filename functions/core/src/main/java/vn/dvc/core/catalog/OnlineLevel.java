package vn.dvc.core.catalog;

/** Online service level: full (submit, pay and receive online) or partial (some step needs a visit). */
public enum OnlineLevel {
    FULL,
    PARTIAL
}
