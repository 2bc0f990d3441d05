package vn.dvc.core.notify;

/**
 * The state of one notification on one channel, kept on the dossier. QUEUED is written (conditionally) right before
 * the send and carries a lease, so a redelivered request never sends twice while the first attempt is under way.
 */
public enum DeliveryState {
    QUEUED, SENT, FAILED_TEMPORARY, FAILED_PERMANENT
}
