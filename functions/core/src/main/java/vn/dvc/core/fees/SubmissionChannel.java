package vn.dvc.core.fees;

/** How the dossier reached the agency; online filing can carry a reduced rate. */
public enum SubmissionChannel {
    ONLINE,
    COUNTER,
    POST
}
