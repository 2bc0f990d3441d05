package vn.dvc.core.calendar;

/**
 * What happens to the statutory clock when a dossier comes back from a supplementation request
 * (the clock is stopped while the applicant completes the dossier). Which policy applies is decided per
 * procedure by its legal text; this project does not assume one.
 */
public enum ResumePolicy {
    /** Only the remaining time is counted from resumption (time already used stays used). */
    RESUME,
    /** The full processing time is counted again from resumption, as for a new receipt. */
    RESTART
}
