package vn.dvc.core.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.dossier.DossierStatus;

/** The due-soon window counts office hours: weekends, Tết and National Day do not bring a dossier closer. */
class SlaRulesTest {
    static final WorkingDayCalendar CAL = WorkingDayCalendar.standard();

    static Instant vn(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, ZoneOffset.ofHours(7)).toInstant();
    }

    @Test
    void dueSoonWindowSkipsTet2027() {
        // Thursday 4 Feb 2027, 16:00; Tết days off run Fri 5 .. Thu 11 Feb (with two days in lieu); Fri 12 works.
        Instant now = vn(2027, 2, 4, 16, 0);
        // 8 office hours later: 1 h on the 4th, 7 h on Friday the 12th -> 12 Feb 16:00
        assertEquals(vn(2027, 2, 12, 16, 0), SlaMonitor.windowEnd(CAL, now, 8));
        // due eight calendar days away but only 2 office hours away: due soon
        assertTrue(SlaMonitor.isDueSoon(CAL, now, vn(2027, 2, 12, 9, 0), 8));
        // due the Monday after: 1 + 8 + 8 = 17 office hours away: not yet
        assertFalse(SlaMonitor.isDueSoon(CAL, now, vn(2027, 2, 15, 17, 0), 8));
        // already due: overdue, not "due soon"
        assertFalse(SlaMonitor.isDueSoon(CAL, now, vn(2027, 2, 4, 15, 59), 8));
    }

    @Test
    void dueSoonWindowSkipsNationalDay2027() {
        // Wednesday 1 Sep 2027, 15:00; 2 and 3 September (Thu, Fri) are off, then the weekend.
        Instant now = vn(2027, 9, 1, 15, 0);
        assertTrue(SlaMonitor.isDueSoon(CAL, now, vn(2027, 9, 6, 10, 0), 8)); // 2 h + 2 h
        assertTrue(SlaMonitor.isDueSoon(CAL, now, vn(2027, 9, 6, 14, 0), 8)); // 2 h + 5 h (lunch break not counted)
        assertFalse(SlaMonitor.isDueSoon(CAL, now, vn(2027, 9, 7, 17, 0), 8)); // 2 + 8 + 8 h
        // a calendar-hours rule would call the Monday 10:00 dossier 115 hours away; a 24-hour window misses it
        assertEquals(4 * 60, CAL.officeTimeBetween(now, vn(2027, 9, 6, 10, 0)).toMinutes());
    }

    @Test
    void windowIsConfigurableInWorkingHours() {
        Instant now = vn(2026, 11, 23, 9, 0); // a Monday
        assertTrue(SlaMonitor.isDueSoon(CAL, now, vn(2026, 11, 24, 9, 0), 8));
        assertFalse(SlaMonitor.isDueSoon(CAL, now, vn(2026, 11, 24, 9, 0), 4));
        assertTrue(SlaMonitor.isDueSoon(CAL, now, vn(2026, 11, 23, 12, 0), 3));
        assertFalse(SlaMonitor.isDueSoon(CAL, now, vn(2026, 11, 23, 13, 30), 3)); // 3.5 h past the lunch break
    }

    @Test
    void indexStagesFollowTheDossier() {
        Instant due = vn(2026, 11, 30, 17, 0);
        assertEquals(Optional.of(DueIndex.Stage.TO_WARN), DueIndex.stageOf(DossierStatus.IN_PROGRESS, due, false, false, false));
        assertEquals(Optional.of(DueIndex.Stage.WARNED), DueIndex.stageOf(DossierStatus.IN_PROGRESS, due, false, false, true));
        assertEquals(Optional.of(DueIndex.Stage.OVERDUE), DueIndex.stageOf(DossierStatus.ACCEPTED, due, false, true, true));
        assertEquals(Optional.empty(), DueIndex.stageOf(DossierStatus.COMPLETED, due, false, true, true), "final: leaves");
        assertEquals(Optional.empty(), DueIndex.stageOf(DossierStatus.SUPPLEMENT_REQUESTED, due, true, false, false), "clock stopped");
        assertEquals(Optional.empty(), DueIndex.stageOf(DossierStatus.VALIDATING, null, false, false, false), "no due date");
        // the agency moved the appointment past the statutory date: watched against its date, counted overdue meanwhile
        assertEquals(Optional.of(DueIndex.Stage.RESCHEDULED), DueIndex.stageOf(DossierStatus.IN_PROGRESS, due, false, false, false, true));
        assertEquals(Optional.of(DueIndex.Stage.RESCHEDULED_WARNED), DueIndex.stageOf(DossierStatus.IN_PROGRESS, due, false, false, true, true));
        assertEquals(Optional.of(DueIndex.Stage.OVERDUE), DueIndex.stageOf(DossierStatus.IN_PROGRESS, due, false, true, false, true),
                "the agency's date missed too");
        assertTrue(DueIndex.Stage.RESCHEDULED.overdueNow() && DueIndex.Stage.RESCHEDULED_WARNED.overdueNow() && DueIndex.Stage.OVERDUE.overdueNow());
        assertFalse(DueIndex.Stage.TO_WARN.overdueNow() || DueIndex.Stage.WARNED.overdueNow());
        // keys sort by stage, then due date
        assertTrue(DueIndex.sortKey(DueIndex.Stage.TO_WARN, due, "B").compareTo(DueIndex.sortKey(DueIndex.Stage.TO_WARN, due.plusSeconds(60), "A")) < 0);
        assertTrue(DueIndex.sortKey(DueIndex.Stage.TO_WARN, due.plusSeconds(9999), "A").compareTo(DueIndex.sortKey(DueIndex.Stage.WARNED, due, "A")) < 0);
    }
}
