package vn.dvc.core.fees;

import java.util.ArrayList;
import java.util.List;
import vn.dvc.core.text.LocalizedText;

/**
 * Computes what a dossier owes from a procedure's {@link FeeSchedule}. Pure and stateless.
 *
 * <p>Per line, in this order:
 * <ol>
 *   <li>Units: PER_DOSSIER charges one unit; PER_COPY charges {@code copies - includedCopies} units (never below 0).</li>
 *   <li>Province level: a People's Council level for the request's province replaces the national unit amount.</li>
 *   <li>Online reduction (ONLINE channel only, reductions whose window contains the filing day): the one that gives the
 *       citizen the lowest amount wins. A reduced amount replaces the unit amount; a percentage is taken off the line
 *       amount after step 2. A reduction never raises an amount.</li>
 *   <li>Exemption: the first exemption whose category is claimed AND whose proof is satisfied brings the line to 0.
 *       DECLARED needs only the claim; COMPONENT needs the named component among the received components;
 *       REGISTER needs the claim to be register-confirmed.</li>
 * </ol>
 *
 * <p><b>Rounding rule:</b> amounts are whole đồng in {@code long}, never floating point. A percentage reduction is
 * {@code line amount * percent / 100} rounded HALF_UP to a whole đồng (so 7,001 at 50% takes off 3,501 and leaves
 * 3,500); no amount is ever negative. Overflow throws {@link ArithmeticException} rather than wrapping.
 */
public final class FeeCalculator {

    private static final LocalizedText PROVINCE_REASON = LocalizedText.of(
            "Mức thu do Hội đồng nhân dân tỉnh quy định",
            "Level set by the provincial People's Council");
    private static final LocalizedText ONLINE_REASON = LocalizedText.of(
            "Mức thu giảm khi nộp hồ sơ trực tuyến",
            "Reduced rate for online filing");

    private FeeCalculator() {}

    public static FeeBreakdown calculate(FeeSchedule schedule, FeeRequest request) {
        List<FeeBreakdownLine> lines = new ArrayList<>(schedule.lines().size());
        long total = 0;
        for (FeeLine line : schedule.lines()) {
            FeeBreakdownLine computed = calculateLine(line, request);
            lines.add(computed);
            total = Math.addExact(total, computed.amount());
        }
        return new FeeBreakdown(lines, total);
    }

    private static FeeBreakdownLine calculateLine(FeeLine line, FeeRequest request) {
        long units = line.basis() == FeeBasis.PER_DOSSIER
                ? 1
                : Math.max(0, request.copies() - line.includedCopies());
        long beforeAdjustments = Math.multiplyExact(line.amount(), units);
        List<FeeAdjustment> adjustments = new ArrayList<>();
        long current = beforeAdjustments;

        long provincialUnit = line.unitAmountIn(request.provinceCode());
        if (provincialUnit != line.amount()) {
            long provincial = Math.multiplyExact(provincialUnit, units);
            // The schedule stores only the provincial amount, not the resolution that set it.
            add(adjustments, AdjustmentKind.PROVINCE_LEVEL, provincial - current, PROVINCE_REASON, null);
            current = provincial;
        }

        if (request.channel() == SubmissionChannel.ONLINE) {
            OnlineReduction best = null;
            long bestAmount = current;
            for (OnlineReduction reduction : line.onlineReductions()) {
                if (!reduction.isValidOn(request.submittedOn())) {
                    continue;
                }
                long candidate = reducedAmount(reduction, current, units);
                if (candidate < bestAmount) {
                    best = reduction;
                    bestAmount = candidate;
                }
            }
            if (best != null) {
                add(adjustments, AdjustmentKind.ONLINE_REDUCTION, bestAmount - current, ONLINE_REASON,
                        best.legalBasis());
                current = bestAmount;
            }
        }

        for (Exemption exemption : line.exemptions()) {
            if (current > 0 && isProven(exemption, request)) {
                add(adjustments, AdjustmentKind.EXEMPTION, -current, LocalizedText.of(
                                "Miễn cho đối tượng " + exemption.category(),
                                "Exempt category " + exemption.category()),
                        exemption.legalBasis());
                current = 0;
                break;
            }
        }

        return new FeeBreakdownLine(line.code(), line.label(), line.legalBasis(), line.amount(), units,
                beforeAdjustments, adjustments, Math.max(0, current));
    }

    private static long reducedAmount(OnlineReduction reduction, long current, long units) {
        if (reduction.reducedAmount() != null) {
            return Math.max(0, Math.multiplyExact(reduction.reducedAmount(), units));
        }
        return Math.max(0, current - percentOf(current, reduction.percent()));
    }

    /** {@code amount * percent / 100} rounded HALF_UP to a whole đồng, for non-negative amounts. */
    static long percentOf(long amount, int percent) {
        if (amount < 0 || percent < 0) {
            throw new IllegalArgumentException("amount and percent must be non-negative");
        }
        return Math.addExact(Math.multiplyExact(amount, percent), 50) / 100;
    }

    private static boolean isProven(Exemption exemption, FeeRequest request) {
        for (CategoryClaim claim : request.claims()) {
            if (!claim.category().equals(exemption.category())) {
                continue;
            }
            boolean proven = switch (exemption.proof()) {
                case DECLARED -> true;
                case COMPONENT -> request.receivedComponents().contains(exemption.proofComponent());
                case REGISTER -> claim.registerConfirmed();
            };
            if (proven) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<FeeAdjustment> adjustments, AdjustmentKind kind, long delta,
            LocalizedText reason, String legalBasis) {
        if (delta != 0) {
            adjustments.add(new FeeAdjustment(kind, delta, reason, legalBasis));
        }
    }
}
