package vn.dvc.core.fees;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.processing.Acceptance;
import vn.dvc.core.text.LocalizedText;

/**
 * The fee step for a VALIDATED dossier: computes the breakdown with {@link FeeCalculator} from the procedure version
 * the dossier was filed under, then, in the same {@link DossierStore#apply} as the status change, stores it as the
 * dossier attribute {@code fee} with {@code feeTotal}. Zero -> ACCEPTED (with {@code acceptedAt}); otherwise
 * AWAITING_PAYMENT. Acts only on the version it was told about, so a redelivered message changes nothing.
 *
 * <p>A procedure whose fees are unknown (no schedule) is not held back: it is accepted with {@code feeStatus}
 * UNKNOWN and the agency collects any fee at the counter, because charging a guessed amount would be unlawful.
 */
public final class FeeAssessment {
    private static final Actor ACTOR = Actor.system("fee-calculator");
    /** Filing days are Vietnamese calendar days (UTC+7, no daylight saving). */
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private final DossierStore store;
    private final ProcedureSource procedures;
    private final Clock clock;

    public FeeAssessment(DossierStore store, ProcedureSource procedures, Clock clock) {
        this.store = store;
        this.procedures = procedures;
        this.clock = clock;
    }

    public enum Outcome { ACCEPTED, AWAITING_PAYMENT, STALE, NOT_FOUND, PROCEDURE_UNKNOWN }

    public Outcome assess(String code, long version) {
        Optional<Dossier> found = store.find(code);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        Dossier dossier = found.get();
        if (dossier.status() != DossierStatus.VALIDATED || dossier.version() != version) {
            return Outcome.STALE;
        }
        Optional<Procedure> procedure = procedures.version(dossier.procedureCode(), dossier.procedureVersion())
                .or(() -> procedures.current(dossier.procedureCode()));
        if (procedure.isEmpty()) {
            return Outcome.PROCEDURE_UNKNOWN;
        }
        Instant now = clock.instant();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("feeCalculatedAt", now);
        FeeSchedule schedule = procedure.get().feeSchedule();
        DossierStatus next;
        Map<String, Object> details = new LinkedHashMap<>();
        LocalizedText reason = null;
        if (schedule == null) {
            attributes.put("feeStatus", "UNKNOWN");
            next = DossierStatus.ACCEPTED;
            reason = LocalizedText.of("Thủ tục chưa công bố mức phí, lệ phí; cơ quan giải quyết sẽ thông báo nếu có.",
                    "The procedure's fees are not published; the agency will say if any are due.");
            details.put("feeStatus", "UNKNOWN");
        } else {
            FeeBreakdown breakdown = FeeCalculator.calculate(schedule, requestFor(dossier, store.components(code)));
            attributes.put("fee", toMap(breakdown));
            attributes.put("feeTotal", breakdown.total());
            attributes.put("feeStatus", breakdown.total() == 0 ? "NONE_DUE" : "DUE");
            next = breakdown.total() == 0 ? DossierStatus.ACCEPTED : DossierStatus.AWAITING_PAYMENT;
            details.put("feeTotal", breakdown.total());
        }
        DossierStore.Change change;
        if (next == DossierStatus.ACCEPTED) {
            // nothing to pay: accepted now, with the due date and the receipt slip (Acceptance)
            attributes.put("acceptedAt", now);
            change = Acceptance.standard().acceptWith(dossier, store.components(code), procedure.get(), 0, now, ACTOR,
                    attributes, details, reason);
        } else {
            change = new DossierStore.Change(code, version, next, attributes, List.of(),
                    new HistoryEvent(now, ACTOR, "FEE_CALCULATED", dossier.status(), next, reason, details));
        }
        try {
            store.apply(change);
        } catch (DossierStore.ConcurrentChangeException e) {
            return Outcome.STALE;
        }
        return next == DossierStatus.ACCEPTED ? Outcome.ACCEPTED : Outcome.AWAITING_PAYMENT;
    }

    /**
     * What the fee depends on, read from the dossier: its channel and province, the filing day, the copies asked for
     * ({@code form.copies}, 1 when absent or odd), the categories claimed in the form (confirmed when the register
     * evidence lists them) and the components received or substituted.
     */
    public static FeeRequest requestFor(Dossier dossier, List<Component> components) {
        SubmissionChannel channel = switch (dossier.channel() == null ? Channel.ONLINE : dossier.channel()) {
            case ONLINE -> SubmissionChannel.ONLINE;
            case COUNTER -> SubmissionChannel.COUNTER;
            case POST -> SubmissionChannel.POST;
        };
        LocalDate filedOn = LocalDate.ofInstant(dossier.createdAt() == null ? Instant.EPOCH : dossier.createdAt(), VIETNAM);
        int copies = 1;
        if (dossier.form() != null && dossier.form().get("copies") instanceof Number n && n.longValue() >= 1 && n.longValue() <= 100) {
            copies = n.intValue();
        }
        Set<String> received = new LinkedHashSet<>();
        for (Component c : components) {
            if (c.state().satisfied()) {
                received.add(c.code());
            }
        }
        return new FeeRequest(dossier.provinceCode(), channel, copies, filedOn,
                CategoryClaims.claims(dossier.form(), registerConfirmed(dossier)), received);
    }

    private static List<String> registerConfirmed(Dossier dossier) {
        Object evidence = dossier.attributes() == null ? null : dossier.attributes().get("identityEvidence");
        List<String> confirmed = new ArrayList<>();
        if (evidence instanceof Map<?, ?> m && m.get("confirmedCategories") instanceof List<?> list) {
            list.forEach(item -> confirmed.add(String.valueOf(item)));
        }
        return confirmed;
    }

    /** The breakdown as stored and shown: every line, its basis, each adjustment and why. */
    public static Map<String, Object> toMap(FeeBreakdown breakdown) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (FeeBreakdownLine line : breakdown.lines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", line.code());
            m.put("label", Map.of("vi", line.label().vi(), "en", line.label().en()));
            m.put("legalBasis", line.legalBasis());
            m.put("baseAmount", line.baseAmount());
            m.put("copiesCharged", line.copiesCharged());
            m.put("amountBeforeAdjustments", line.amountBeforeAdjustments());
            List<Map<String, Object>> adjustments = new ArrayList<>();
            for (FeeAdjustment a : line.adjustments()) {
                Map<String, Object> adj = new LinkedHashMap<>();
                adj.put("kind", a.kind().name());
                adj.put("amountDelta", a.amountDelta());
                adj.put("reason", Map.of("vi", a.reason().vi(), "en", a.reason().en()));
                if (a.legalBasis() != null) {
                    adj.put("legalBasis", a.legalBasis());
                }
                adjustments.add(adj);
            }
            m.put("adjustments", adjustments);
            m.put("amount", line.amount());
            lines.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("currency", "VND");
        out.put("lines", lines);
        out.put("total", breakdown.total());
        return out;
    }
}
