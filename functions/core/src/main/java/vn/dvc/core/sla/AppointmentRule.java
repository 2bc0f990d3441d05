package vn.dvc.core.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.text.LocalizedText;

/**
 * The agency's new appointment date (ngày hẹn lại trả kết quả) for an overdue or due-soon dossier (issue 8): a
 * working day of the calendar strictly after today (Vietnam date); the appointment is the end of office hours of
 * that day. Once set ({@code agencyNewDueAt}) it is the dossier's effective due date for the SLA monitor: the
 * dossier is overdue (again) only after it.
 */
public final class AppointmentRule {
    public static final String ATTRIBUTE = "agencyNewDueAt";

    private AppointmentRule() {}

    /** The appointment instant for {@code text} (YYYY-MM-DD), or a 422 with a vi+en message saying why not. */
    public static Instant newDueAt(WorkingDayCalendar calendar, String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw invalid("REQUIRED", "Cần nhập ngày hẹn mới (newDueDate, dạng YYYY-MM-DD).",
                    "newDueDate (YYYY-MM-DD) is required.");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw invalid("BAD_DATE", "Ngày hẹn mới phải có dạng YYYY-MM-DD.", "newDueDate must be a date YYYY-MM-DD.");
        }
        LocalDate today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        if (!date.isAfter(today)) {
            throw invalid("NOT_AFTER_TODAY", "Ngày hẹn mới phải sau ngày hôm nay.", "The new date must be after today.");
        }
        if (date.isAfter(today.plusYears(1))) {
            throw invalid("TOO_FAR", "Ngày hẹn mới không được quá một năm kể từ hôm nay.",
                    "The new date must be within one year from today.");
        }
        if (!calendar.isWorkingDay(date)) {
            throw invalid("NOT_A_WORKING_DAY", "Ngày hẹn mới phải là ngày làm việc (không phải cuối tuần, ngày lễ, ngày nghỉ).",
                    "The new date must be a working day (not a weekend, public holiday or day off).");
        }
        return date.atTime(calendar.officeHours().closing()).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    /** The date the dossier is due by now: the agency's new appointment when it set one, else the statutory due date. */
    public static Instant effectiveDue(Dossier d) {
        Instant agency = d.attributes() == null ? null : instant(d.attributes().get(ATTRIBUTE));
        return agency != null ? agency : d.dueAt();
    }

    public static Instant instant(Object v) {
        if (v instanceof Instant i) return i;
        if (v instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static ApiException invalid(String code, String vi, String en) {
        return new ApiException(422, "VALIDATION_FAILED", LocalizedText.of(vi, en),
                List.of(Map.of("field", "newDueDate", "code", code)));
    }
}
