package vn.dvc.core.fees;

/** What one unit of a fee line is charged for. */
public enum FeeBasis {
    /** Once per dossier, whatever the number of copies asked for. */
    PER_DOSSIER,
    /** Per copy of the result, after the line's included copies. */
    PER_COPY
}
