package vn.dvc.core.dossier;

/** Where a document component (thành phần hồ sơ) stands. */
public enum ComponentState {
    /** An upload URL was issued; nothing valid has arrived yet. */
    EXPECTED,
    /** A file arrived, matched its declared type and size, and its SHA-256 is recorded. */
    RECEIVED,
    /** The last file was wrong (type, size); it was moved to quarantine and the reason recorded. */
    QUARANTINED,
    /** Satisfied without an upload: by a stored document of the citizen or by data from a national register. */
    SUBSTITUTED;

    public boolean satisfied() {
        return this == RECEIVED || this == SUBSTITUTED;
    }
}
