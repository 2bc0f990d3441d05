package vn.dvc.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvc.core.calendar.NonWorkingDay.Kind;

class WorkingDayCalendarTest {
    private final WorkingDayCalendar calendar = WorkingDayCalendar.standard();

    /** An instant given as Vietnam local time. */
    private static Instant vn(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static List<LocalDate> dates(Deadline deadline) {
        return deadline.skippedDays().stream().map(NonWorkingDay::date).toList();
    }

    // ---- working days ----

    @Test
    void weekdaysWeekendsHolidaysAndAnnouncements() {
        assertTrue(calendar.isWorkingDay(d("2025-06-09")));                  // Monday
        assertFalse(calendar.isWorkingDay(d("2025-06-14")));                 // Saturday
        assertTrue(calendar.isWorkingDay(d("2025-04-26")));                  // Saturday made up for Fri 2/5/2025
        assertEquals(Kind.ANNOUNCED_DAY_OFF, calendar.nonWorkingDay(d("2025-05-02")).orElseThrow().kind());
        assertEquals(Kind.PUBLIC_HOLIDAY, calendar.nonWorkingDay(d("2025-04-30")).orElseThrow().kind());
        assertEquals(Kind.COMPENSATORY_DAY_OFF, calendar.nonWorkingDay(d("2026-04-27")).orElseThrow().kind());
        assertFalse(calendar.isWorkingDay(d("2026-01-02")));                 // swapped away
        assertTrue(calendar.isWorkingDay(d("2026-01-10")));                  // its make-up Saturday
        assertTrue(calendar.isWorkingDay(d("2026-08-22")));
        assertFalse(calendar.isWorkingDay(d("2026-08-31")));
        assertEquals(List.of(d("2026-01-10"), d("2026-08-22")), calendar.makeUpWorkingDays(2026));
        // A holiday on a Sunday is reported as the holiday, not as a plain weekend.
        assertEquals("Giỗ Tổ Hùng Vương (10/3 âm lịch)", calendar.nonWorkingDay(d("2026-04-26")).orElseThrow().reason().vi());
    }

    @Test
    void announcedTetDaysReplaceTheDefaultCompensation() {
        // Default rule for 2025 puts the 5th Tết day on Saturday 1/2, compensated on Monday 3/2;
        // the announced break ended on Sunday 2/2, so 3/2/2025 was a working day.
        WorkingDayCalendar statutoryOnly = WorkingDayCalendar.of(OfficeHours.STANDARD, HolidayRules.DEFAULT, CalendarAdjustments.none());
        assertFalse(statutoryOnly.isWorkingDay(d("2025-02-03")));
        assertTrue(statutoryOnly.isWorkingDay(d("2025-01-27")));
        assertTrue(calendar.isWorkingDay(d("2025-02-03")));
        assertFalse(calendar.isWorkingDay(d("2025-01-27")));
    }

    @Test
    void compensationRuleCanBeSwitchedOff() {
        WorkingDayCalendar noCompensation = calendar.withRules(HolidayRules.DEFAULT.withCompensationOnRestDays(false));
        assertTrue(noCompensation.isWorkingDay(d("2026-04-27")));
        assertFalse(calendar.isWorkingDay(d("2026-04-27")));
    }

    @Test
    void configuredAdjustmentsMergeOverTheBundledOnes() {
        WorkingDayCalendar withCultureDay = calendar.withAdjustments(CalendarAdjustments.fromJson("""
                {"years": [{"year": 2026, "adjustments": [{"date": "2026-11-24", "kind": "DAY_OFF",
                  "reason": {"vi": "Ngày Văn hóa Việt Nam", "en": "Vietnamese Culture Day"}, "source": "configuration"}]}]}
                """));
        assertFalse(withCultureDay.isWorkingDay(d("2026-11-24")));
        assertTrue(calendar.isWorkingDay(d("2026-11-24")));
        assertFalse(withCultureDay.isWorkingDay(d("2026-08-31")), "bundled entries are kept");
    }

    @Test
    void daysOffOfAYear() {
        List<LocalDate> off2026 = calendar.daysOff(2026).stream().map(NonWorkingDay::date).toList();
        assertEquals(List.of(d("2026-01-01"), d("2026-01-02"),
                d("2026-02-16"), d("2026-02-17"), d("2026-02-18"), d("2026-02-19"), d("2026-02-20"),
                d("2026-04-26"), d("2026-04-27"), d("2026-04-30"), d("2026-05-01"),
                d("2026-08-31"), d("2026-09-01"), d("2026-09-02")), off2026);
    }

    // ---- deadlines in working days (hand-checked) ----

    @Test
    void acrossTet2026() {
        // Received Thu 12/2/2026 10:00. Counting starts Fri 13/2 (day 1). Sat 14 - Sun 22/2 is the Tết break
        // (weekend 14-15, Tết 16-20, weekend 21-22). Day 2 = Mon 23/2, day 3 = Tue 24/2.
        Deadline deadline = calendar.addWorkingDays(vn("2026-02-12T10:00"), 3);
        assertEquals(vn("2026-02-24T17:00"), deadline.due());
        assertEquals(vn("2026-02-13T08:00"), deadline.countingStart());
        assertEquals(List.of(d("2026-02-14"), d("2026-02-15"), d("2026-02-16"), d("2026-02-17"), d("2026-02-18"),
                d("2026-02-19"), d("2026-02-20"), d("2026-02-21"), d("2026-02-22")), dates(deadline));
        assertEquals(Kind.WEEKEND, deadline.skippedDays().get(0).kind());
        assertEquals(Kind.PUBLIC_HOLIDAY, deadline.skippedDays().get(3).kind());
        assertEquals("Tết Nguyên đán (mùng 1 tháng Giêng)", deadline.skippedDays().get(3).reason().vi());
    }

    @Test
    void across30AprilAnd1May2025() {
        // Received Tue 29/4/2025 09:00. Wed 30/4 and Thu 1/5 are holidays, Fri 2/5 is swapped away (made up on
        // Sat 26/4), Sat 3 and Sun 4/5 weekend. Day 1 = Mon 5/5, day 2 = Tue 6/5.
        Deadline deadline = calendar.addWorkingDays(vn("2025-04-29T09:00"), 2);
        assertEquals(vn("2025-05-06T17:00"), deadline.due());
        assertEquals(List.of(d("2025-04-30"), d("2025-05-01"), d("2025-05-02"), d("2025-05-03"), d("2025-05-04")),
                dates(deadline));
        assertEquals(Kind.ANNOUNCED_DAY_OFF, deadline.skippedDays().get(2).kind());
    }

    @Test
    void makeUpSaturdayIsCounted() {
        // Received Fri 25/4/2025 10:00; the next working day is the make-up Saturday 26/4/2025.
        assertEquals(vn("2025-04-26T17:00"), calendar.addWorkingDays(vn("2025-04-25T10:00"), 1).due());
        // Same in 2026: received Fri 21/8/2026 16:00, due Sat 22/8/2026 (made up for Mon 31/8).
        assertEquals(vn("2026-08-22T17:00"), calendar.addWorkingDays(vn("2026-08-21T16:00"), 1).due());
    }

    @Test
    void acrossNationalDay() {
        // 2025: received Fri 29/8 15:00; Sat 30, Sun 31/8 weekend, Mon 1/9 + Tue 2/9 National Day.
        // Day 1 = Wed 3/9, day 2 = Thu 4/9.
        Deadline in2025 = calendar.addWorkingDays(vn("2025-08-29T15:00"), 2);
        assertEquals(vn("2025-09-04T17:00"), in2025.due());
        assertEquals(List.of(d("2025-08-30"), d("2025-08-31"), d("2025-09-01"), d("2025-09-02")), dates(in2025));
        // 2026: received Fri 28/8 10:00; weekend 29-30/8, Mon 31/8 swapped away, Tue 1/9 + Wed 2/9 National Day.
        // Day 1 = Thu 3/9.
        assertEquals(vn("2026-09-03T17:00"), calendar.addWorkingDays(vn("2026-08-28T10:00"), 1).due());
    }

    @Test
    void acrossNewYear2026AndHungKings2026() {
        // Received Wed 31/12/2025 10:00; Thu 1/1 holiday, Fri 2/1 swapped, weekend 3-4/1. Day 1 = Mon 5/1/2026.
        assertEquals(vn("2026-01-05T17:00"), calendar.addWorkingDays(vn("2025-12-31T10:00"), 1).due());
        // Received Fri 24/4/2026 10:00; Sat 25, Sun 26 (Hùng Kings), Mon 27 in lieu. Day 1 = Tue 28, day 2 = Wed 29/4.
        Deadline hung = calendar.addWorkingDays(vn("2026-04-24T10:00"), 2);
        assertEquals(vn("2026-04-29T17:00"), hung.due());
        assertEquals(Kind.COMPENSATORY_DAY_OFF, hung.skippedDays().get(2).kind());
    }

    @Test
    void receiptRule() {
        // Mon 9/6/2025 10:00, 1 day: counting from Tue 10/6 -> due Tue 10/6 17:00.
        assertEquals(vn("2025-06-10T17:00"), calendar.addWorkingDays(vn("2025-06-09T10:00"), 1).due());
        // Before opening on a working day: still received that day.
        assertEquals(vn("2025-06-10T17:00"), calendar.addWorkingDays(vn("2025-06-09T06:30"), 1).due());
        // At closing time exactly: still that day; after it: deemed received Tue 10/6, due Wed 11/6.
        assertEquals(vn("2025-06-10T17:00"), calendar.addWorkingDays(vn("2025-06-09T17:00"), 1).due());
        assertEquals(vn("2025-06-11T17:00"), calendar.addWorkingDays(vn("2025-06-09T17:30"), 1).due());
        // Saturday 7/6: deemed received Mon 9/6, due Tue 10/6; the weekend is listed as skipped.
        Deadline saturday = calendar.addWorkingDays(vn("2025-06-07T10:00"), 1);
        assertEquals(vn("2025-06-10T17:00"), saturday.due());
        assertEquals(List.of(d("2025-06-07"), d("2025-06-08")), dates(saturday));
    }

    @Test
    void immediateProcedure() {
        assertEquals(vn("2025-06-09T17:00"), calendar.addWorkingDays(vn("2025-06-09T10:00"), 0).due());
        assertEquals(vn("2025-06-10T17:00"), calendar.addWorkingDays(vn("2025-06-09T18:00"), 0).due());
        // Received Sat 7/6: due at the end of Monday 9/6.
        assertEquals(vn("2025-06-09T17:00"), calendar.addWorkingDays(vn("2025-06-07T10:00"), 0).due());
        assertThrows(IllegalArgumentException.class, () -> calendar.addWorkingDays(vn("2025-06-09T10:00"), -1));
    }

    @Test
    void workingDaysBetweenIsTheInverseOfAddWorkingDays() {
        Instant start = vn("2025-12-20T06:00");
        for (int step = 0; step < 600; step++) {
            Instant from = start.plus(Duration.ofMinutes(step * 197L)); // every time of day, weekends and holidays
            for (int n : new int[] {0, 1, 2, 5, 7, 15, 30}) {
                Deadline deadline = calendar.addWorkingDays(from, n);
                assertEquals(n, calendar.workingDaysBetween(from, deadline.due()), "from " + from + " n=" + n);
                assertEquals(-n, calendar.workingDaysBetween(deadline.due(), from));
            }
        }
    }

    @Test
    void workingDaysBetweenForLateness() {
        // Due Fri 13/6/2025 17:00; delivered Mon 16/6 10:00 = 1 working day late; Fri 16:00 = on time.
        assertEquals(1, calendar.workingDaysBetween(vn("2025-06-13T17:00"), vn("2025-06-16T10:00")));
        assertEquals(0, calendar.workingDaysBetween(vn("2025-06-13T17:00"), vn("2025-06-13T16:00")));
        // Received Tue 29/4/2025 09:00; by Tue 6/5 14:00 two working days have been counted (5/5, 6/5).
        assertEquals(2, calendar.workingDaysBetween(vn("2025-04-29T09:00"), vn("2025-05-06T14:00")));
    }

    // ---- working hours ----

    @Test
    void workingHoursSkipLunchNightsAndWeekends() {
        // Mon 6/1/2025 11:00 + 4h: 11-12 (1h), 13-16 (3h).
        assertEquals(vn("2025-01-06T16:00"), calendar.addWorkingHours(vn("2025-01-06T11:00"), 4).due());
        // Wed 8/1 09:00 + 3h lands on the end of the morning session.
        assertEquals(vn("2025-01-08T12:00"), calendar.addWorkingHours(vn("2025-01-08T09:00"), 3).due());
        // During lunch: counting starts at 13:00.
        assertEquals(vn("2025-01-08T15:00"), calendar.addWorkingHours(vn("2025-01-08T12:20"), 2).due());
        // Tue 7/1 20:00 + 8h: nothing counts at night; Wed 8-12 and 13-17.
        assertEquals(vn("2025-01-08T17:00"), calendar.addWorkingHours(vn("2025-01-07T20:00"), 8).due());
        // Fri 3/1 15:30 + 4h: Fri 1.5h, weekend skipped, Mon 8:00-10:30.
        Deadline overWeekend = calendar.addWorkingHours(vn("2025-01-03T15:30"), 4);
        assertEquals(vn("2025-01-06T10:30"), overWeekend.due());
        assertEquals(List.of(d("2025-01-04"), d("2025-01-05")), dates(overWeekend));
        assertEquals(Deadline.Unit.WORKING_HOURS, overWeekend.unit());
        // Thu 9/1 06:00 + 1h = 09:00.
        assertEquals(vn("2025-01-09T09:00"), calendar.addWorkingHours(vn("2025-01-09T06:00"), 1).due());
        // Over Hùng Kings 2025 (Mon 7/4) : Fri 4/4 16:00 + 2h = Fri 1h + Tue 8/4 08:00-09:00.
        assertEquals(vn("2025-04-08T09:00"), calendar.addWorkingHours(vn("2025-04-04T16:00"), 2).due());
    }

    @Test
    void configurableOfficeHours() {
        WorkingDayCalendar early = calendar.withOfficeHours(OfficeHours.parse("07:30-11:30, 13:30-17:00"));
        assertEquals(vn("2025-06-10T17:00"), early.addWorkingDays(vn("2025-06-09T10:00"), 1).due());
        // Mon 9/6 11:00 + 2h: 11:00-11:30, then 13:30-15:00.
        assertEquals(vn("2025-06-09T15:00"), early.addWorkingHours(vn("2025-06-09T11:00"), 2).due());
        assertEquals(Duration.ofMinutes(450), early.officeTimeBetween(vn("2025-06-09T00:00"), vn("2025-06-10T00:00")));
        assertThrows(IllegalArgumentException.class, () -> OfficeHours.parse("13:00-17:00,08:00-12:00"));
    }

    // ---- stopped clock ----

    @Test
    void pauseAndResumeKeepsTheRemainingDays() {
        // Received Mon 9/6/2025 10:00, 5 days: Tue 10, Wed 11, Thu 12, Fri 13, Mon 16/6 -> due Mon 16/6 17:00.
        Deadline deadline = calendar.addWorkingDays(vn("2025-06-09T10:00"), 5);
        assertEquals(vn("2025-06-16T17:00"), deadline.due());
        // Supplementation requested Wed 11/6 at opening (1 day used: Tue), dossier completed Mon 16/6 at opening:
        // 4 days left -> Mon 16, Tue 17, Wed 18, Thu 19/6.
        Deadline resumed = calendar.extendForPause(deadline, vn("2025-06-11T08:00"), vn("2025-06-16T08:00"), ResumePolicy.RESUME);
        assertEquals(vn("2025-06-19T17:00"), resumed.due());
        assertEquals(List.of(new Deadline.Pause(vn("2025-06-11T08:00"), vn("2025-06-16T08:00"), ResumePolicy.RESUME)),
                resumed.pauses());
        assertEquals(deadline.start(), resumed.start());
        assertEquals(5, resumed.amount());
    }

    @Test
    void pauseInTheMiddleOfADayEndsAtTheCloseOfADay() {
        Deadline deadline = calendar.addWorkingDays(vn("2025-06-09T10:00"), 5); // due Mon 16/6 17:00
        // Paused Wed 11/6 10:00: Tue and 2h of Wed used, 30 office hours left (Wed 6h + Thu, Fri, Mon 8h each).
        // From Mon 16/6 08:00 they run out Thu 19/6 15:00; a day deadline ends at that day's close, 17:00.
        Deadline resumed = calendar.extendForPause(deadline, vn("2025-06-11T10:00"), vn("2025-06-16T08:00"), ResumePolicy.RESUME);
        assertEquals(vn("2025-06-19T17:00"), resumed.due());
        assertEquals(Duration.ofHours(30), calendar.officeTimeBetween(vn("2025-06-11T10:00"), deadline.due()));
    }

    @Test
    void pauseAndRestartCountsTheFullTimeAgain() {
        Deadline deadline = calendar.addWorkingDays(vn("2025-06-09T10:00"), 5);
        // Restarted Mon 16/6 08:00: received again that day, counting Tue 17 .. Mon 23/6.
        Deadline restarted = calendar.extendForPause(deadline, vn("2025-06-11T08:00"), vn("2025-06-16T08:00"), ResumePolicy.RESTART);
        assertEquals(vn("2025-06-23T17:00"), restarted.due());
        assertEquals(vn("2025-06-17T08:00"), restarted.countingStart());
        assertEquals(vn("2025-06-09T10:00"), restarted.start());
    }

    @Test
    void pauseAcrossAHoliday() {
        // Received Thu 24/4/2025 10:00, 3 days: Fri 25, Sat 26 (make-up), Mon 28/4 -> due Mon 28/4 17:00.
        Deadline deadline = calendar.addWorkingDays(vn("2025-04-24T10:00"), 3);
        assertEquals(vn("2025-04-28T17:00"), deadline.due());
        // Paused Sat 26/4 at opening (1 day used), resumed Tue 6/5 08:00: 2 days left -> Tue 6, Wed 7/5.
        Deadline resumed = calendar.extendForPause(deadline, vn("2025-04-26T08:00"), vn("2025-05-06T08:00"), ResumePolicy.RESUME);
        assertEquals(vn("2025-05-07T17:00"), resumed.due());
        assertTrue(dates(resumed).containsAll(List.of(d("2025-04-30"), d("2025-05-01"), d("2025-05-02"))));
    }

    @Test
    void pauseBeforeCountingStartsChangesNothing() {
        // Paused and resumed on the receipt day itself: counting had not started (it starts Tue 10/6).
        Deadline deadline = calendar.addWorkingDays(vn("2025-06-09T10:00"), 5);
        Deadline after = calendar.extendForPause(deadline, vn("2025-06-09T11:00"), vn("2025-06-09T15:00"), ResumePolicy.RESUME);
        assertEquals(deadline.due(), after.due());
        // Paused after the due time: the dossier is already late, nothing is extended.
        Deadline late = calendar.extendForPause(deadline, vn("2025-06-17T09:00"), vn("2025-06-20T09:00"), ResumePolicy.RESUME);
        assertEquals(deadline.due(), late.due());
        assertEquals(1, late.pauses().size());
        assertThrows(IllegalArgumentException.class,
                () -> calendar.extendForPause(deadline, vn("2025-06-12T09:00"), vn("2025-06-11T09:00"), ResumePolicy.RESUME));
    }

    @Test
    void pauseOfAWorkingHoursDeadline() {
        // Mon 9/6/2025 09:00 + 8h: 9-12 (3h), 13-17 (4h), Tue 8-9 (1h) -> Tue 10/6 09:00.
        Deadline deadline = calendar.addWorkingHours(vn("2025-06-09T09:00"), 8);
        assertEquals(vn("2025-06-10T09:00"), deadline.due());
        // Paused Mon 14:00 after 4h, resumed Tue 10:00: 4h left -> 10-12, 13-15.
        Deadline resumed = calendar.extendForPause(deadline, vn("2025-06-09T14:00"), vn("2025-06-10T10:00"), ResumePolicy.RESUME);
        assertEquals(vn("2025-06-10T15:00"), resumed.due());
        // A second pause Tue 11:00 -> Wed 11/6 08:00 keeps the 3h still left: 8-11 on Wed.
        Deadline twice = calendar.extendForPause(resumed, vn("2025-06-10T11:00"), vn("2025-06-11T08:00"), ResumePolicy.RESUME);
        assertEquals(vn("2025-06-11T11:00"), twice.due());
        assertEquals(2, twice.pauses().size());
        // Restart: 8 full hours from Wed 08:00 -> Wed 17:00.
        assertEquals(vn("2025-06-11T17:00"),
                calendar.extendForPause(deadline, vn("2025-06-09T14:00"), vn("2025-06-11T08:00"), ResumePolicy.RESTART).due());
    }

    // ---- plain data ----

    @Test
    void deadlineSerialisesAsPlainJson() throws Exception {
        JsonMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        Deadline deadline = calendar.extendForPause(calendar.addWorkingDays(vn("2026-02-12T10:00"), 3),
                vn("2026-02-13T09:00"), vn("2026-02-23T09:00"), ResumePolicy.RESUME);
        String json = mapper.writeValueAsString(deadline);
        assertTrue(json.contains("\"due\":\"2026-02-"), json);
        assertTrue(json.contains("Tết Nguyên đán"), json);
        assertEquals(deadline, mapper.readValue(json, Deadline.class));
    }

    @Test
    void fixedOffsetIsTheSameAsAsiaHoChiMinhForEverySupportedYear() {
        java.time.zone.ZoneRules rules = java.time.ZoneId.of("Asia/Ho_Chi_Minh").getRules();
        assertTrue(rules.getTransitionRules().isEmpty(), "no recurring (DST) rules");
        Instant lastChange = rules.previousTransition(Instant.parse("2199-12-31T00:00:00Z")).getInstant();
        assertTrue(lastChange.isBefore(Instant.parse("1976-01-01T00:00:00Z")), "last change " + lastChange);
        assertEquals(WorkingDayCalendar.ZONE, rules.getOffset(Instant.parse("2021-01-01T00:00:00Z")));
    }

    // ---- cost ----

    @Test
    void printsTheTimeToBuildAYear() {
        long t0 = System.nanoTime();
        CalendarAdjustments parsed = CalendarAdjustments.fromJson(
                WorkingDayCalendarTest.class.getResourceAsStream(CalendarAdjustments.RESOURCE));
        long t1 = System.nanoTime();
        WorkingDayCalendar fresh = WorkingDayCalendar.of(OfficeHours.STANDARD, HolidayRules.DEFAULT, parsed);
        boolean working = fresh.isWorkingDay(LocalDate.of(2031, 3, 3)); // a year no other test has computed
        long t2 = System.nanoTime();
        fresh.isWorkingDay(LocalDate.of(2031, 3, 4));
        Deadline deadline = fresh.addWorkingDays(vn("2031-03-03T10:00"), 15);
        long t3 = System.nanoTime();
        System.out.printf("calendar (test JVM, classes already loaded): parse adjustments.json %.2f ms; first year (2031) %.2f ms; cached lookups + 15-day deadline %.3f ms (working=%s, due=%s)%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, working, deadline.dueDate());
    }
}
