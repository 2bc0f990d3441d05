package vn.dvc.core.catalog;

/**
 * What the statutory clock does after a supplementation request is answered: resume with the
 * days left, or restart from zero. Per procedure; the governing rule is not confirmed (domain notes (?)),
 * so the seed leaves it null and lists it as unknown.
 */
public enum SupplementClockPolicy {
    RESUME,
    RESTART
}
