package vn.dvc.core.fees;

import java.util.List;
import vn.dvc.core.text.LocalizedText;

/**
 * How one fee line's amount was reached: {@code amountBeforeAdjustments = baseAmount * copiesCharged},
 * then each adjustment in order; {@code amount} is the result, never negative.
 */
public record FeeBreakdownLine(
        String code,
        LocalizedText label,
        String legalBasis,
        long baseAmount,
        long copiesCharged,
        long amountBeforeAdjustments,
        List<FeeAdjustment> adjustments,
        long amount) {

    public FeeBreakdownLine {
        adjustments = List.copyOf(adjustments);
    }
}
