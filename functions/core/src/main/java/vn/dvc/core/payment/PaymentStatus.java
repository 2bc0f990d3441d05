package vn.dvc.core.payment;

/** Where a payment request stands. PAID and REFUND_DUE are final: nothing regresses them. */
public enum PaymentStatus {
    /** Waiting for the citizen to pay at the gateway, until its expiry. */
    OPEN,
    /** The gateway confirmed the exact amount; a receipt was issued. */
    PAID,
    /** The gateway reported a failure; the citizen may ask for a new request. */
    FAILED,
    /** Nobody paid before the expiry (the sweep, or a new request, closed it). */
    EXPIRED,
    /** Money arrived for a dossier that no longer owed it (already paid by another request, withdrawn): to be refunded. */
    REFUND_DUE
}
