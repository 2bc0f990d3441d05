package vn.dvc.core.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.error.ApiException;

/** The agency's new appointment date: a working day strictly after today (Vietnam date), at the close of office hours. */
class AppointmentRuleTest {
    static final WorkingDayCalendar CAL = WorkingDayCalendar.standard();

    static Instant vn(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, ZoneOffset.ofHours(7)).toInstant();
    }

    static String reason(ApiException e) {
        assertEquals(422, e.status());
        return String.valueOf(((Map<?, ?>) e.details().get(0)).get("code"));
    }

    @Test
    void aWorkingDayAfterTodayIsTheCloseOfThatDay() {
        Instant now = vn(2027, 2, 4, 16, 0); // Thursday before Tết 2027
        assertEquals(vn(2027, 2, 12, 17, 0), AppointmentRule.newDueAt(CAL, "2027-02-12", now)); // first day back
        // 23:30 UTC on the 3rd is already the 4th in Vietnam: "today" is the Vietnam date
        Instant lateUtc = Instant.parse("2027-02-03T23:30:00Z");
        assertEquals("NOT_AFTER_TODAY", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2027-02-04", lateUtc))));
    }

    @Test
    void holidaysWeekendsTodayThePastAndJunkAreRefusedWithAReason() {
        Instant now = vn(2027, 2, 4, 16, 0);
        assertEquals("NOT_A_WORKING_DAY", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2027-02-08", now)))); // Tết
        assertEquals("NOT_A_WORKING_DAY", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2027-02-13", now)))); // Saturday
        assertEquals("NOT_A_WORKING_DAY", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2027-09-02", now)))); // National Day
        assertEquals("NOT_AFTER_TODAY", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2027-02-04", now))));
        assertEquals("NOT_AFTER_TODAY", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2026-12-01", now))));
        assertEquals("TOO_FAR", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2028-03-01", now))));
        assertEquals("BAD_DATE", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "12/02/2027", now))));
        assertEquals("BAD_DATE", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2027-02-30", now))));
        assertEquals("REQUIRED", reason(assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, null, now))));
        ApiException e = assertThrows(ApiException.class, () -> AppointmentRule.newDueAt(CAL, "2027-02-13", now));
        assertTrue(e.text().vi().contains("ngày làm việc"), e.text().vi());
        assertTrue(e.text().en().contains("working day"), e.text().en());
    }
}
