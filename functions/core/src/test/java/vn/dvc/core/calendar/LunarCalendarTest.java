package vn.dvc.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LunarCalendarTest {
    private final LunarCalendar vn = LunarCalendar.VIETNAM;

    @Test
    void tetDatesOfRecentYears() {
        assertEquals(LocalDate.of(2025, 1, 29), vn.lunarNewYear(2025));
        assertEquals(LocalDate.of(2026, 2, 17), vn.lunarNewYear(2026));
        // Published Tết dates (Vietnamese calendars).
        assertEquals(LocalDate.of(1990, 1, 27), vn.lunarNewYear(1990));
        assertEquals(LocalDate.of(2000, 2, 5), vn.lunarNewYear(2000));
        assertEquals(LocalDate.of(2020, 1, 25), vn.lunarNewYear(2020));
        assertEquals(LocalDate.of(2021, 2, 12), vn.lunarNewYear(2021));
        assertEquals(LocalDate.of(2022, 2, 1), vn.lunarNewYear(2022));
        assertEquals(LocalDate.of(2023, 1, 22), vn.lunarNewYear(2023));
        assertEquals(LocalDate.of(2024, 2, 10), vn.lunarNewYear(2024));
        assertEquals(LocalDate.of(2027, 2, 6), vn.lunarNewYear(2027));
    }

    @Test
    void vietnamDiffersFromChinaWhereTheTimeZoneMatters() {
        LunarCalendar china = LunarCalendar.forUtcOffset(8.0);
        // 1985: Vietnam celebrated Tết on 21 January, China on 20 February (month 11 of 1984 differs).
        assertEquals(LocalDate.of(1985, 1, 21), vn.lunarNewYear(1985));
        assertEquals(LocalDate.of(1985, 2, 20), china.lunarNewYear(1985));
        // 2007: the new moon of 17 February came at 16:14 UT, i.e. 23:14 in UTC+7 but 00:14 on the 18th in UTC+8.
        assertEquals(LocalDate.of(2007, 2, 17), vn.lunarNewYear(2007));
        assertEquals(LocalDate.of(2007, 2, 18), china.lunarNewYear(2007));
        // 1968 (Mậu Thân): 29 January in the North (UTC+7), 30 January on UTC+8.
        assertEquals(LocalDate.of(1968, 1, 29), vn.lunarNewYear(1968));
        assertEquals(LocalDate.of(1968, 1, 30), china.lunarNewYear(1968));
    }

    @Test
    void hungKingsDay() {
        // 10th day of the 3rd lunar month; 2025 and 2026 match the published holiday calendars
        // (Monday 7/4/2025; Sunday 26/4/2026, compensated on Monday 27/4).
        assertEquals(LocalDate.of(2025, 4, 7), vn.toSolar(2025, 3, 10, false));
        assertEquals(LocalDate.of(2026, 4, 26), vn.toSolar(2026, 3, 10, false));
        assertEquals(LocalDate.of(2024, 4, 18), vn.toSolar(2024, 3, 10, false));
        assertEquals(LocalDate.of(2023, 4, 29), vn.toSolar(2023, 3, 10, false));
        assertEquals(LocalDate.of(2022, 4, 10), vn.toSolar(2022, 3, 10, false));
    }

    @Test
    void lunarDatesQuotedInTheHolidayAnnouncements() {
        // Tết 2025 break: 25/1/2025 = 26 tháng Chạp Giáp Thìn .. 2/2/2025 = mùng 5 tháng Giêng Ất Tỵ.
        assertEquals(new LunarDate(2024, 12, 26, false), vn.toLunar(LocalDate.of(2025, 1, 25)));
        assertEquals(new LunarDate(2025, 1, 5, false), vn.toLunar(LocalDate.of(2025, 2, 2)));
        // Tết 2026 break: 14/2/2026 = 27 tháng Chạp Ất Tỵ .. 22/2/2026 = mùng 6 Bính Ngọ; 16/2 = 29 tháng Chạp.
        assertEquals(new LunarDate(2025, 12, 27, false), vn.toLunar(LocalDate.of(2026, 2, 14)));
        assertEquals(new LunarDate(2025, 12, 29, false), vn.toLunar(LocalDate.of(2026, 2, 16)));
        assertEquals(new LunarDate(2026, 1, 6, false), vn.toLunar(LocalDate.of(2026, 2, 22)));
    }

    @Test
    void leapMonths() {
        // Quý Mão 2023 has a leap 2nd month, Canh Tý 2020 a leap 4th, Ất Tỵ 2025 a leap 6th.
        assertEquals(LocalDate.of(2023, 3, 22), vn.toSolar(2023, 2, 1, true));
        assertEquals(LocalDate.of(2020, 5, 23), vn.toSolar(2020, 4, 1, true));
        assertEquals(LocalDate.of(2025, 7, 25), vn.toSolar(2025, 6, 1, true));
        assertEquals(new LunarDate(2025, 6, 1, true), vn.toLunar(LocalDate.of(2025, 7, 25)));
        // Giáp Thìn 2024 has no leap month at all.
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(2024, 6, 1, true));
        // A leap month only exists under the number it repeats.
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(2025, 5, 1, true));
    }

    @Test
    void refusesImpossibleDates() {
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(1899, 1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(2200, 1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(2025, 13, 1, false));
        // Tháng Chạp of Giáp Thìn (2024) has 29 days (the 29th is 28/1/2025, Tết is 29/1/2025).
        assertEquals(29, vn.monthLength(2024, 12, false));
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(2024, 12, 30, false));
    }

    @Test
    void solarLunarSolarRoundTripEveryDay1900To2199() {
        LocalDate first = vn.lunarNewYear(1900);
        LocalDate last = LocalDate.of(2199, 12, 31);
        LunarDate previous = null;
        int days = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            LunarDate lunar = vn.toLunar(d);
            LocalDate back = vn.toSolar(lunar.year(), lunar.month(), lunar.day(), lunar.leap());
            if (!back.equals(d)) {
                fail(d + " -> " + lunar + " -> " + back);
            }
            if (previous != null) {
                boolean nextDay = lunar.day() == previous.day() + 1 && lunar.month() == previous.month()
                        && lunar.leap() == previous.leap() && lunar.year() == previous.year();
                boolean newMonth = lunar.day() == 1 && (previous.day() == 29 || previous.day() == 30);
                if (!nextDay && !newMonth) {
                    fail("not consecutive: " + previous + " then " + lunar + " on " + d);
                }
            }
            previous = lunar;
            days++;
        }
        assertTrue(days > 109_000, "days checked: " + days);
    }

    @Test
    void everyLunarYearHas12Or13MonthsOfTheRightLength() {
        int leapYears = 0;
        for (int year = 1900; year < 2199; year++) {
            long length = vn.lunarNewYear(year + 1).toEpochDay() - vn.lunarNewYear(year).toEpochDay();
            boolean common = length >= 353 && length <= 355;
            boolean leap = length >= 383 && length <= 385;
            assertTrue(common || leap, year + " has " + length + " days");
            int leapMonths = 0;
            for (int m = 1; m <= 12; m++) {
                try {
                    vn.toSolar(year, m, 1, true);
                    leapMonths++;
                } catch (IllegalArgumentException noLeapMonth) {
                    // expected for most months
                }
            }
            assertEquals(leap ? 1 : 0, leapMonths, "leap months of " + year);
            if (leap) {
                leapYears++;
            }
        }
        // Metonic cycle: 7 leap years in 19, so about 110 in 299 years.
        assertTrue(leapYears >= 105 && leapYears <= 115, "leap years: " + leapYears);
    }
}
