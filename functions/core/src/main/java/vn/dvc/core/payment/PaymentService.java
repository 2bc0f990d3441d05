package vn.dvc.core.payment;

import vn.dvc.core.processing.Acceptance;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.catalog.Procedure;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierAccess;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.LocalizedText;

/**
 * Online payment of a dossier's fee (Nghị định 11/2020/NĐ-CP on payment of public services). Payment requests live
 * in the dossier's {@code payments} attribute, so creating, settling or expiring one is the same conditional
 * {@link DossierStore#apply} as the dossier's status change and history event: a PAID callback moves the dossier
 * AWAITING_PAYMENT -> ACCEPTED and issues the receipt number atomically. Every decision is taken on a fresh read
 * and retried when another writer won, so duplicate, late, out-of-order and parallel callbacks are recorded but
 * never double-count, and a paid payment never regresses.
 *
 * <p>While a request is open the dossier carries {@code gsi4pk = PAYOPEN} and {@code gsi4sk = <expiry millis>#code}
 * (the sparse index the expiry sweep reads); they are removed when no request is open any more.
 */
public final class PaymentService {
    public static final String OPEN_INDEX_KEY = "PAYOPEN";
    private static final TypeReference<List<Payment>> PAYMENTS = new TypeReference<>() {};
    private static final Actor GATEWAY = Actor.system("payment-gateway");
    private static final Actor SWEEPER = Actor.system("payment-sweeper");
    private static final int MAX_ATTEMPTS = 20;

    private final DossierStore store;
    private final ApplicantKeys keys;
    private final Clock clock;
    private final Duration validity;

    private final ProcedureSource procedures;

    public PaymentService(DossierStore store, ApplicantKeys keys, Clock clock, Duration validity) {
        this(store, keys, clock, validity, null);
    }

    /** @param procedures where the accepted dossier's procedure version is read (due date and slip); null = none */
    public PaymentService(DossierStore store, ApplicantKeys keys, Clock clock, Duration validity,
                          ProcedureSource procedures) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.validity = validity;
        this.procedures = procedures;
    }

    /** The open request and whether this call created it (201) or found it (200). */
    public record Requested(boolean created, Payment payment, Dossier dossier) {}

    public enum CallbackOutcome { PAID, FAILED, DUPLICATE, LATE_FAILURE_IGNORED, AMOUNT_MISMATCH, REFUND_DUE }

    // ---------------------------------------------------------------- requests

    public Requested request(Caller caller, String code) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Dossier dossier = payable(caller, code);
            Instant now = clock.instant();
            List<Payment> payments = payments(dossier);
            Optional<Payment> open = payments.stream().filter(p -> p.isOpenAt(now)).findFirst();
            if (open.isPresent()) {
                return new Requested(false, open.get(), dossier);
            }
            long outstanding = outstanding(dossier);
            if (outstanding <= 0) {
                throw ApiException.conflict("NOTHING_TO_PAY", "Hồ sơ không còn khoản phí nào phải nộp.",
                        "Nothing is outstanding on this dossier.");
            }
            List<Payment> updated = new ArrayList<>();
            for (Payment p : payments) {
                // An open request past its expiry that the sweep has not reached yet closes now.
                updated.add(p.status() == PaymentStatus.OPEN ? p.withStatus(PaymentStatus.EXPIRED, now, null, null) : p);
            }
            String ref = code + "-P" + (payments.size() + 1);
            Payment created = new Payment(ref, outstanding, PaymentStatus.OPEN, now, now.plus(validity), null, null, null, List.of());
            updated.add(created);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("payments", toStored(updated));
            attributes.put("gsi4pk", OPEN_INDEX_KEY);
            attributes.put("gsi4sk", openIndexSortKey(created.expiresAt()) + "#" + code);
            HistoryEvent event = new HistoryEvent(now, new Actor(caller.role(), caller.subject(), caller.agencyId()),
                    "PAYMENT_REQUESTED", null, null, null,
                    Map.of("transactionRef", ref, "amount", outstanding, "expiresAt", created.expiresAt().toString()));
            try {
                store.apply(new DossierStore.Change(code, dossier.version(), null, attributes, List.of(), event));
                return new Requested(true, created, dossier);
            } catch (DossierStore.ConcurrentChangeException e) {
                // another request or callback won: decide again on what it wrote
            }
        }
        throw busy();
    }

    public record History(Dossier dossier, List<Payment> payments) {}

    public History history(Caller caller, String code) {
        Dossier dossier = readable(caller, code);
        return new History(dossier, payments(dossier));
    }

    // ---------------------------------------------------------------- gateway callbacks

    public CallbackOutcome callback(GatewayCallback callback) {
        String code = dossierCodeOf(callback.transactionRef());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Dossier dossier = code == null ? null : store.find(code).orElse(null);
            List<Payment> payments = dossier == null ? List.of() : payments(dossier);
            int index = indexOf(payments, callback.transactionRef());
            if (index < 0) {
                throw ApiException.notFound("UNKNOWN_TRANSACTION", "Không có giao dịch thanh toán này.", "No such transaction.");
            }
            Instant now = clock.instant();
            Payment payment = payments.get(index);
            Decision decision = decide(dossier, payment, callback, now, index);
            List<Payment> updated = new ArrayList<>(payments);
            updated.set(index, decision.payment());
            Map<String, Object> attributes = new HashMap<>(decision.attributes());
            attributes.put("payments", toStored(updated));
            boolean anyOpen = updated.stream().anyMatch(p -> p.status() == PaymentStatus.OPEN);
            if (!anyOpen) {
                attributes.put("gsi4pk", null);
                attributes.put("gsi4sk", null);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("transactionRef", callback.transactionRef());
            details.put("gatewayStatus", callback.status());
            details.put("amount", callback.amount());
            details.put("outcome", decision.outcome().name());
            if (decision.payment().receiptNumber() != null && decision.outcome() == CallbackOutcome.PAID) {
                details.put("receiptNumber", decision.payment().receiptNumber());
            }
            if (decision.next() == DossierStatus.ACCEPTED) {
                accept(dossier, callback.amount(), now, attributes, details);
            }
            HistoryEvent event = new HistoryEvent(now, GATEWAY, "PAYMENT_" + decision.outcome().name(),
                    decision.next() == null ? null : dossier.status(), decision.next(), decision.reason(), details);
            try {
                store.apply(new DossierStore.Change(code, dossier.version(), decision.next(), attributes, List.of(), event));
                return decision.outcome();
            } catch (DossierStore.ConcurrentChangeException e) {
                // a parallel callback or request won: re-read, and this one is judged against what it wrote
            }
        }
        throw busy();
    }

    private record Decision(CallbackOutcome outcome, Payment payment, DossierStatus next, Map<String, Object> attributes,
                            LocalizedText reason) {}

    private Decision decide(Dossier dossier, Payment payment, GatewayCallback callback, Instant now, int index) {
        Payment.Anomaly anomaly = new Payment.Anomaly(now, null, callback.amount(), callback.status());
        if (!callback.paid()) {
            return switch (payment.status()) {
                case PAID, REFUND_DUE -> new Decision(CallbackOutcome.LATE_FAILURE_IGNORED,
                        payment.withAnomaly(kind(anomaly, "LATE_FAILURE_AFTER_PAID")), null, Map.of(), null);
                case FAILED -> new Decision(CallbackOutcome.DUPLICATE, payment.withAnomaly(kind(anomaly, "DUPLICATE")), null,
                        Map.of(), null);
                case OPEN, EXPIRED -> new Decision(CallbackOutcome.FAILED,
                        payment.withStatus(PaymentStatus.FAILED, now, null, callback.gatewayReference()), null, Map.of(),
                        LocalizedText.of("Thanh toán không thành công; bạn có thể thanh toán lại.",
                                "The payment failed; you may pay again."));
            };
        }
        if (payment.status() == PaymentStatus.PAID || payment.status() == PaymentStatus.REFUND_DUE) {
            return new Decision(CallbackOutcome.DUPLICATE, payment.withAnomaly(kind(anomaly, "DUPLICATE")), null, Map.of(), null);
        }
        if (callback.amount() != payment.amount()) {
            // Money that does not match the request is never counted; reconciliation settles it by hand.
            return new Decision(CallbackOutcome.AMOUNT_MISMATCH, payment.withAnomaly(kind(anomaly, "AMOUNT_MISMATCH")), null,
                    Map.of(), LocalizedText.of("Số tiền thanh toán không khớp với yêu cầu; đang đối soát.",
                            "The amount paid does not match the request; it is being reconciled."));
        }
        // PAID with the exact amount, for an OPEN, EXPIRED or FAILED request: the money is real, so it counts,
        // unless the dossier no longer owes it.
        if (dossier.status() != DossierStatus.AWAITING_PAYMENT || outstanding(dossier) < payment.amount()) {
            return new Decision(CallbackOutcome.REFUND_DUE,
                    payment.withStatus(PaymentStatus.REFUND_DUE, now, null, callback.gatewayReference()), null, Map.of(),
                    LocalizedText.of("Khoản thanh toán này không còn phải nộp và sẽ được hoàn trả.",
                            "This payment was not owed any more and will be refunded."));
        }
        String receipt = "BL-" + dossier.code() + "-" + (index + 1);
        long paid = paidAmount(dossier) + payment.amount();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("paidAmount", paid);
        attributes.put("receiptNumber", receipt);
        DossierStatus next = null;
        if (paid >= feeTotal(dossier)) {
            next = DossierStatus.ACCEPTED;
            attributes.put("acceptedAt", now);
        }
        return new Decision(CallbackOutcome.PAID,
                payment.withStatus(PaymentStatus.PAID, now, receipt, callback.gatewayReference()), next, attributes,
                LocalizedText.of("Đã nộp phí, lệ phí; biên lai số " + receipt + ".", "Fee paid; receipt number " + receipt + "."));
    }

    /** Paid in full: accepted in the same write, with the due date and the receipt slip (Acceptance). */
    private void accept(Dossier dossier, long paid, Instant now, Map<String, Object> attributes,
                        Map<String, Object> details) {
        if (procedures == null) {
            return;
        }
        Optional<Procedure> procedure = procedures.version(dossier.procedureCode(), dossier.procedureVersion())
                .or(() -> procedures.current(dossier.procedureCode()));
        if (procedure.isEmpty()) {
            return;
        }
        DossierStore.Change accepted = Acceptance.standard().accept(dossier, store.components(dossier.code()),
                procedure.get(), paid, now, GATEWAY);
        attributes.putAll(accepted.setAttributes());
        accepted.event().details().forEach(details::putIfAbsent);
    }

    private static Payment.Anomaly kind(Payment.Anomaly a, String kind) {
        return new Payment.Anomaly(a.at(), kind, a.amount(), a.gatewayStatus());
    }

    // ---------------------------------------------------------------- expiry sweep

    /** Expires the dossier's open requests past their expiry; returns how many. Safe to run twice. */
    public int expire(String code) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Dossier> found = store.find(code);
            if (found.isEmpty()) {
                return 0;
            }
            Dossier dossier = found.get();
            Instant now = clock.instant();
            List<Payment> payments = payments(dossier);
            List<Payment> updated = new ArrayList<>();
            List<String> expired = new ArrayList<>();
            for (Payment p : payments) {
                if (p.status() == PaymentStatus.OPEN && !now.isBefore(p.expiresAt())) {
                    updated.add(p.withStatus(PaymentStatus.EXPIRED, now, null, null));
                    expired.add(p.transactionRef());
                } else {
                    updated.add(p);
                }
            }
            boolean anyOpen = updated.stream().anyMatch(p -> p.status() == PaymentStatus.OPEN);
            if (expired.isEmpty() && (anyOpen || dossier.attributes().get("gsi4pk") == null)) {
                return 0;
            }
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("payments", toStored(updated));
            if (!anyOpen) {
                attributes.put("gsi4pk", null);
                attributes.put("gsi4sk", null);
            }
            HistoryEvent event = new HistoryEvent(now, SWEEPER, "PAYMENT_EXPIRED", null, null, null, Map.of("expired", expired));
            try {
                store.apply(new DossierStore.Change(code, dossier.version(), null, attributes, List.of(), event));
                return expired.size();
            } catch (DossierStore.ConcurrentChangeException e) {
                // decide again
            }
        }
        throw busy();
    }

    // ---------------------------------------------------------------- helpers

    /** Fixed-width epoch milliseconds: sorts as the instants do (ISO strings with varying fractions would not). */
    public static String openIndexSortKey(Instant at) {
        return String.format("%015d", at.toEpochMilli());
    }

    /** The dossier a transaction reference belongs to: references are {@code <dossier code>-P<n>}. */
    public static String dossierCodeOf(String transactionRef) {
        if (transactionRef == null) {
            return null;
        }
        int cut = transactionRef.lastIndexOf("-P");
        return cut <= 0 || !transactionRef.substring(cut + 2).matches("\\d{1,4}") ? null : transactionRef.substring(0, cut);
    }

    public static List<Payment> payments(Dossier dossier) {
        Object stored = dossier.attributes() == null ? null : dossier.attributes().get("payments");
        return stored == null ? List.of() : Json.MAPPER.convertValue(stored, PAYMENTS);
    }

    private static Object toStored(List<Payment> payments) {
        return Json.MAPPER.convertValue(payments, Object.class);
    }

    private static int indexOf(List<Payment> payments, String ref) {
        for (int i = 0; i < payments.size(); i++) {
            if (payments.get(i).transactionRef().equals(ref)) {
                return i;
            }
        }
        return -1;
    }

    public static long feeTotal(Dossier d) {
        return d.attributes() != null && d.attributes().get("feeTotal") instanceof Number n ? n.longValue() : 0;
    }

    public static long paidAmount(Dossier d) {
        return d.attributes() != null && d.attributes().get("paidAmount") instanceof Number n ? n.longValue() : 0;
    }

    public static long outstanding(Dossier d) {
        return Math.max(0, feeTotal(d) - paidAmount(d));
    }

    private Dossier readable(Caller caller, String code) {
        return store.find(code).filter(d -> DossierAccess.canRead(caller, d, keys))
                .orElseThrow(() -> ApiException.notFound("DOSSIER_NOT_FOUND", "Không tìm thấy hồ sơ.", "No such dossier."));
    }

    /** The applicant, or the assistant who filed it, may pay; others who may read it are refused, the rest told nothing. */
    private Dossier payable(Caller caller, String code) {
        Dossier dossier = readable(caller, code);
        boolean payer = caller.role() == Role.CITIZEN
                || (caller.role() == Role.ASSISTANT && dossier.submittedBy() != null && dossier.submittedBy().role() == Role.ASSISTANT);
        if (!payer) {
            throw ApiException.forbidden("NOT_THE_PAYER", "Chỉ người nộp hồ sơ được thanh toán.",
                    "Only the applicant or the assistant who filed it may pay.");
        }
        if (dossier.status() != DossierStatus.AWAITING_PAYMENT) {
            throw ApiException.conflict("NOT_AWAITING_PAYMENT", "Hồ sơ không ở trạng thái chờ nộp phí.",
                    "The dossier is not awaiting payment.");
        }
        return dossier;
    }

    private static ApiException busy() {
        return new ApiException(503, "BUSY", LocalizedText.of("Hệ thống đang bận, vui lòng thử lại.", "The service is busy; please retry."));
    }
}
