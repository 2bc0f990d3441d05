package vn.dvc.core.fees;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.dvc.core.text.LocalizedText;

/**
 * One charge of a procedure's fee schedule (Luật Phí và lệ phí 97/2015/QH13: every phí and lệ phí
 * is set by a competent body and cited).
 *
 * @param amount          national default per unit, whole đồng
 * @param includedCopies  copies covered before PER_COPY charging starts (0 for PER_DOSSIER)
 * @param provinceAmounts per 2-digit province code, the level set by that province's People's
 *                        Council; it replaces {@code amount} there
 * @param legalBasis      the text that sets the amount
 */
public record FeeLine(
        String code,
        LocalizedText label,
        FeeKind kind,
        FeeBasis basis,
        long amount,
        int includedCopies,
        Map<String, Long> provinceAmounts,
        List<OnlineReduction> onlineReductions,
        List<Exemption> exemptions,
        String legalBasis) {

    public FeeLine {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(basis, "basis");
        provinceAmounts = provinceAmounts == null ? Map.of() : Map.copyOf(provinceAmounts);
        onlineReductions = onlineReductions == null ? List.of() : List.copyOf(onlineReductions);
        exemptions = exemptions == null ? List.of() : List.copyOf(exemptions);
    }

    /** The unit amount that applies in a province: its People's Council level, else the national one. */
    public long unitAmountIn(String provinceCode) {
        Long provincial = provinceCode == null ? null : provinceAmounts.get(provinceCode);
        return provincial != null ? provincial : amount;
    }
}
