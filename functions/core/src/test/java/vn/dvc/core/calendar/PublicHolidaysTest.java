package vn.dvc.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvc.core.calendar.HolidayRules.NationalDayAdjacentDay;

class PublicHolidaysTest {

    private static List<LocalDate> dates(List<Holiday> holidays) {
        return holidays.stream().map(Holiday::date).toList();
    }

    private static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    @Test
    void holidays2025ByTheDefaultRules() {
        // Tết 29/1/2025: default = last day of Giáp Thìn (28/1) + 29/1..1/2; Hùng Kings 7/4; 2/9 on Tuesday -> 1/9.
        assertEquals(List.of(d(2025, 1, 1),
                        d(2025, 1, 28), d(2025, 1, 29), d(2025, 1, 30), d(2025, 1, 31), d(2025, 2, 1),
                        d(2025, 4, 7), d(2025, 4, 30), d(2025, 5, 1), d(2025, 9, 1), d(2025, 9, 2)),
                dates(PublicHolidays.of(2025)));
    }

    @Test
    void holidays2025AsAnnounced() {
        // The announced 9-day break 25/1-2/2/2025 makes the five weekdays 27-31/1 the Tết days.
        List<Holiday> holidays = PublicHolidays.of(2025, HolidayRules.DEFAULT, CalendarAdjustments.bundled());
        assertEquals(List.of(d(2025, 1, 1),
                        d(2025, 1, 27), d(2025, 1, 28), d(2025, 1, 29), d(2025, 1, 30), d(2025, 1, 31),
                        d(2025, 4, 7), d(2025, 4, 30), d(2025, 5, 1), d(2025, 9, 1), d(2025, 9, 2)),
                dates(holidays));
        assertEquals(11, holidays.size(), "Art. 112 gives 11 days a year");
    }

    @Test
    void holidays2026() {
        // Tết 17/2/2026 (announced 16-20/2, which is also the default); Hùng Kings Sunday 26/4; 2/9 on Wednesday -> 1/9.
        List<LocalDate> expected = List.of(d(2026, 1, 1),
                d(2026, 2, 16), d(2026, 2, 17), d(2026, 2, 18), d(2026, 2, 19), d(2026, 2, 20),
                d(2026, 4, 26), d(2026, 4, 30), d(2026, 5, 1), d(2026, 9, 1), d(2026, 9, 2));
        assertEquals(expected, dates(PublicHolidays.of(2026)));
        assertEquals(expected, dates(PublicHolidays.of(2026, HolidayRules.DEFAULT, CalendarAdjustments.bundled())));
    }

    @Test
    void namesAreBilingualWithDiacritics() {
        List<Holiday> holidays = PublicHolidays.of(2026);
        Holiday tetDay = holidays.stream().filter(h -> h.date().equals(d(2026, 2, 17))).findFirst().orElseThrow();
        assertEquals("Tết Nguyên đán (mùng 1 tháng Giêng)", tetDay.name().vi());
        assertEquals("Lunar New Year (1st day of the 1st lunar month)", tetDay.name().en());
        Holiday eve = holidays.stream().filter(h -> h.date().equals(d(2026, 2, 16))).findFirst().orElseThrow();
        assertEquals("Tết Nguyên đán (29 tháng Chạp)", eve.name().vi());
        Holiday hung = holidays.stream().filter(h -> h.date().equals(d(2026, 4, 26))).findFirst().orElseThrow();
        assertEquals("Giỗ Tổ Hùng Vương (10/3 âm lịch)", hung.name().vi());
    }

    @Test
    void customaryNationalDayAdjacentDayMatchesTheAnnouncedOnes() {
        // Announced: 2021 (Thu) 3/9, 2022 (Fri) 1/9, 2023 (Sat) 1/9, 2024 (Mon) 3/9, 2025 (Tue) 1/9, 2026 (Wed) 1/9.
        assertEquals(d(2021, 9, 3), adjacentDay(2021, NationalDayAdjacentDay.CUSTOMARY));
        assertEquals(d(2022, 9, 1), adjacentDay(2022, NationalDayAdjacentDay.CUSTOMARY));
        assertEquals(d(2023, 9, 1), adjacentDay(2023, NationalDayAdjacentDay.CUSTOMARY));
        assertEquals(d(2024, 9, 3), adjacentDay(2024, NationalDayAdjacentDay.CUSTOMARY));
        assertEquals(d(2025, 9, 1), adjacentDay(2025, NationalDayAdjacentDay.CUSTOMARY));
        assertEquals(d(2026, 9, 1), adjacentDay(2026, NationalDayAdjacentDay.CUSTOMARY));
        assertEquals(d(2025, 9, 3), adjacentDay(2025, NationalDayAdjacentDay.DAY_AFTER));
        assertEquals(d(2024, 9, 1), adjacentDay(2024, NationalDayAdjacentDay.DAY_BEFORE));
    }

    private static LocalDate adjacentDay(int year, NationalDayAdjacentDay rule) {
        List<LocalDate> dates = dates(PublicHolidays.of(year, new HolidayRules(rule, true), CalendarAdjustments.none()));
        return dates.stream().filter(x -> x.getMonthValue() == 9 && x.getDayOfMonth() != 2).findFirst().orElseThrow();
    }

    @Test
    void compensationForHolidaysOnWeeklyRestDays() {
        // 2023: Hùng Kings Sat 29/4, 30/4 Sun, 1/5 Mon -> days off in lieu Tue 2/5 and Wed 3/5 (the 29/4-3/5 break).
        assertEquals(List.of(d(2023, 5, 2), d(2023, 5, 3)),
                PublicHolidays.compensatoryDaysOff(PublicHolidays.of(2023)).stream().map(NonWorkingDay::date)
                        .filter(x -> x.getMonthValue() == 5).toList());
        // 2022: Hùng Kings Sun 10/4 -> Mon 11/4; 30/4 Sat and 1/5 Sun -> Mon 2/5 and Tue 3/5.
        List<NonWorkingDay> in2022 = PublicHolidays.compensatoryDaysOff(PublicHolidays.of(2022));
        assertEquals(List.of(d(2022, 4, 11), d(2022, 5, 2), d(2022, 5, 3)),
                in2022.stream().map(NonWorkingDay::date).filter(x -> x.getMonthValue() <= 5 && x.getMonthValue() >= 4).toList());
        assertEquals(NonWorkingDay.Kind.COMPENSATORY_DAY_OFF, in2022.get(0).kind());
        // 2026: Hùng Kings Sun 26/4 -> Mon 27/4, and nothing else that year.
        List<NonWorkingDay> in2026 = PublicHolidays.compensatoryDaysOff(PublicHolidays.of(2026));
        assertEquals(List.of(d(2026, 4, 27)), in2026.stream().map(NonWorkingDay::date).toList());
        assertEquals("Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) trùng ngày nghỉ hằng tuần 26/04/2026",
                in2026.get(0).reason().vi());
    }

    @Test
    void refusesYearsBeforeTheLabourCode2019() {
        assertThrows(IllegalArgumentException.class, () -> PublicHolidays.of(2020));
    }
}
