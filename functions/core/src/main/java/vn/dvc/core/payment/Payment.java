package vn.dvc.core.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One payment request of a dossier, as stored in the dossier's {@code payments} attribute (so that a payment's
 * settlement and the dossier's status change are one atomic write). Amounts are whole đồng.
 *
 * @param transactionRef   our unique reference, sent to the gateway and echoed in its callback
 * @param receiptNumber    the receipt (biên lai) number, issued when the payment is settled as PAID
 * @param gatewayReference the gateway's own id of the settled transaction
 * @param anomalies        callbacks that changed nothing (duplicates, late failures, wrong amounts), for reconciliation
 */
public record Payment(
        String transactionRef,
        long amount,
        PaymentStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant settledAt,
        String receiptNumber,
        String gatewayReference,
        List<Anomaly> anomalies) {

    public Payment {
        anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
    }

    public record Anomaly(Instant at, String kind, Long amount, String gatewayStatus) {}

    public boolean isOpenAt(Instant now) {
        return status == PaymentStatus.OPEN && now.isBefore(expiresAt);
    }

    public Payment withStatus(PaymentStatus newStatus, Instant at, String receipt, String gatewayRef) {
        return new Payment(transactionRef, amount, newStatus, createdAt, expiresAt, at,
                receipt == null ? receiptNumber : receipt, gatewayRef == null ? gatewayReference : gatewayRef, anomalies);
    }

    public Payment withAnomaly(Anomaly anomaly) {
        List<Anomaly> more = new ArrayList<>(anomalies);
        more.add(anomaly);
        return new Payment(transactionRef, amount, status, createdAt, expiresAt, settledAt, receiptNumber, gatewayReference, more);
    }
}
