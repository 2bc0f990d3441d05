package vn.dvc.core.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A statutory due time with its explanation, as printed on the receipt and appointment slip (Giấy tiếp nhận hồ
 * sơ và hẹn trả kết quả) and kept on the dossier. Plain data: instants, dates, enums, texts and lists, so it
 * serialises as is (ISO-8601 with a java.time-aware JSON mapper).
 *
 * @param start         when the clock was started (receipt of the complete dossier)
 * @param unit          whether {@code amount} is working days or working hours
 * @param amount        the processing time counted
 * @param countingStart when counting actually began (first counted office minute), after the receipt rule and
 *                      any restart; the reference for pauses
 * @param due           the due instant: end of office hours of the last counted day, or the instant the counted
 *                      office hours run out
 * @param skippedDays   the non-working days from the start date to the due date, each with its reason
 * @param pauses        the stops of the clock applied so far, oldest first
 */
public record Deadline(Instant start, Unit unit, int amount, Instant countingStart, Instant due,
                       List<NonWorkingDay> skippedDays, List<Pause> pauses) {
    public Deadline {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(countingStart, "countingStart");
        Objects.requireNonNull(due, "due");
        skippedDays = List.copyOf(skippedDays);
        pauses = pauses == null ? List.of() : List.copyOf(pauses);
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
    }

    /** The due date in Vietnam local time. */
    public LocalDate dueDate() {
        return due.atZone(WorkingDayCalendar.ZONE).toLocalDate();
    }

    public enum Unit { WORKING_DAYS, WORKING_HOURS }

    /** One stop of the clock (e.g. a supplementation request) and how counting went on afterwards. */
    public record Pause(Instant pausedAt, Instant resumedAt, ResumePolicy policy) {
        public Pause {
            Objects.requireNonNull(pausedAt, "pausedAt");
            Objects.requireNonNull(resumedAt, "resumedAt");
            Objects.requireNonNull(policy, "policy");
            if (resumedAt.isBefore(pausedAt)) {
                throw new IllegalArgumentException("resumed before paused: " + pausedAt + " > " + resumedAt);
            }
        }
    }
}
