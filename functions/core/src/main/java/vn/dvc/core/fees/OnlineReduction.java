package vn.dvc.core.fees;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A lower rate for dossiers filed online, valid for a period set by the Ministry of Finance
 * (e.g. Thông tư 75/2022/TT-BTC for residence registration, in force from 05/02/2023).
 *
 * <p>Exactly one of {@code reducedAmount} (the unit amount that replaces the base unit amount) or
 * {@code percent} (1..100, taken off the line amount) is set. Both ends of the window are inclusive;
 * a null {@code validTo} means open-ended.
 */
public record OnlineReduction(
        LocalDate validFrom, LocalDate validTo, Long reducedAmount, Integer percent, String legalBasis) {

    public OnlineReduction {
        Objects.requireNonNull(validFrom, "validFrom");
        if ((reducedAmount == null) == (percent == null)) {
            throw new IllegalArgumentException("exactly one of reducedAmount or percent must be set");
        }
    }

    public static OnlineReduction toAmount(LocalDate from, LocalDate to, long reducedAmount, String legalBasis) {
        return new OnlineReduction(from, to, reducedAmount, null, legalBasis);
    }

    public static OnlineReduction byPercent(LocalDate from, LocalDate to, int percent, String legalBasis) {
        return new OnlineReduction(from, to, null, percent, legalBasis);
    }

    /** True when {@code day} lies inside the window, both ends included. */
    public boolean isValidOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }
}
