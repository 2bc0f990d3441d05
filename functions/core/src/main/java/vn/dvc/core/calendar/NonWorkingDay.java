package vn.dvc.core.calendar;

import java.time.LocalDate;
import java.util.Objects;
import vn.dvc.core.text.LocalizedText;

/**
 * A date on which the statutory clock does not run, with the reason shown to the citizen
 * (e.g. on the appointment slip: "Thứ Bảy", "Giỗ Tổ Hùng Vương", "Nghỉ bù ...").
 */
public record NonWorkingDay(LocalDate date, Kind kind, LocalizedText reason) {
    public NonWorkingDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public enum Kind {
        /** Saturday or Sunday, the weekly rest days of the civil service. */
        WEEKEND,
        /** A public holiday of Labour Code 2019 Art. 112(1). */
        PUBLIC_HOLIDAY,
        /** The working day given in lieu of a holiday that fell on a weekly rest day (Labour Code 2019 Art. 111(3)). */
        COMPENSATORY_DAY_OFF,
        /** A day off announced by the Government (swap with a make-up working day, or an extra day off). */
        ANNOUNCED_DAY_OFF
    }
}
