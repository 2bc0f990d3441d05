package vn.dvc.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.dvc.core.calendar.HolidayRules.NationalDayAdjacentDay;
import vn.dvc.core.text.LocalizedText;

/**
 * The public holidays of a year per Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), Art. 112(1):
 * <ul>
 *   <li>(a) Tết Dương lịch: 1 January;</li>
 *   <li>(b) Tết Âm lịch: 5 days. The Prime Minister fixes them each year (Art. 112(3)); without an
 *       announcement the default here is the last day of the old lunar year plus the first 4 days of the new;</li>
 *   <li>(c) Ngày Chiến thắng: 30 April;</li>
 *   <li>(d) Ngày Quốc tế lao động: 1 May;</li>
 *   <li>(đ) Quốc khánh: 2 September and one adjacent day before or after (fixed by the Prime Minister,
 *       Art. 112(3); default {@link NationalDayAdjacentDay#CUSTOMARY});</li>
 *   <li>(e) Giỗ Tổ Hùng Vương: 10th day of the 3rd lunar month.</li>
 * </ul>
 * Lunar dates come from {@link LunarCalendar#VIETNAM} (UTC+7). The rules of the 2019 Code apply from 2021,
 * so years before 2021 are refused.
 *
 * <p>Art. 111(3): when a weekly rest day coincides with one of these holidays, the worker takes the rest
 * day on the next working day; see {@link #compensatoryDaysOff(List)}.
 */
public final class PublicHolidays {
    /** Labour Code 2019 took effect on 1 January 2021. */
    public static final int FIRST_YEAR = 2021;
    public static final int LAST_YEAR = LunarCalendar.MAX_YEAR;

    private static final Comparator<Holiday> BY_DATE = (a, b) -> a.date().compareTo(b.date());

    private PublicHolidays() {}

    /** The holidays of {@code year} by the default rules, ignoring any announcement. */
    public static List<Holiday> of(int year) {
        return of(year, HolidayRules.DEFAULT, CalendarAdjustments.none());
    }

    /** The holidays of {@code year}, sorted by date; announced Tết days and National Day choice win over {@code rules}. */
    public static List<Holiday> of(int year, HolidayRules rules, CalendarAdjustments announcements) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("public holidays are computed for " + FIRST_YEAR + ".." + LAST_YEAR + ": " + year);
        }
        List<Holiday> holidays = new ArrayList<>(11);
        holidays.add(new Holiday(LocalDate.of(year, 1, 1),
                LocalizedText.of("Tết Dương lịch", "New Year's Day")));

        // Plain conditionals rather than Optional chains with lambdas: this runs at cold start.
        CalendarAdjustments.TetAnnouncement tet = announcements.tet(year).orElse(null);
        List<LocalDate> tetDays = tet != null ? tet.days() : defaultTetDays(year);
        for (LocalDate day : tetDays) {
            holidays.add(new Holiday(day, tetName(LunarCalendar.VIETNAM.toLunar(day))));
        }

        holidays.add(new Holiday(LunarCalendar.VIETNAM.toSolar(year, 3, 10, false),
                LocalizedText.of("Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                        "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)")));
        holidays.add(new Holiday(LocalDate.of(year, 4, 30),
                LocalizedText.of("Ngày Chiến thắng (30/4)", "Reunification Day (30 April)")));
        holidays.add(new Holiday(LocalDate.of(year, 5, 1),
                LocalizedText.of("Ngày Quốc tế Lao động (1/5)", "International Labour Day (1 May)")));

        LocalDate nationalDay = LocalDate.of(year, 9, 2);
        holidays.add(new Holiday(nationalDay, LocalizedText.of("Quốc khánh (2/9)", "National Day (2 September)")));
        CalendarAdjustments.NationalDayAnnouncement announced = announcements.nationalDay(year).orElse(null);
        LocalDate adjacent = announced != null ? announced.adjacentDay()
                : defaultAdjacentDay(nationalDay, rules.nationalDayAdjacentDay());
        holidays.add(new Holiday(adjacent, LocalizedText.of(
                "Quốc khánh (ngày liền kề " + adjacent.getDayOfMonth() + "/9)",
                "National Day (adjacent day, " + adjacent.getDayOfMonth() + " September)")));

        holidays.sort(BY_DATE);
        return List.copyOf(holidays);
    }

    /**
     * Art. 111(3): each holiday that falls on a Saturday or Sunday gives a day off on the next working day,
     * i.e. the next day that is neither a weekly rest day, nor a holiday, nor already a compensating day.
     * Announced swaps are not consulted: they are applied after this rule by {@link WorkingDayCalendar}.
     */
    public static List<NonWorkingDay> compensatoryDaysOff(List<Holiday> holidays) {
        List<Holiday> sorted = new ArrayList<>(holidays);
        sorted.sort(BY_DATE);
        Set<LocalDate> taken = new HashSet<>();
        for (Holiday h : sorted) {
            taken.add(h.date());
        }
        List<NonWorkingDay> result = new ArrayList<>();
        for (Holiday holiday : sorted) {
            if (!isWeeklyRestDay(holiday.date())) {
                continue;
            }
            LocalDate day = holiday.date().plusDays(1);
            while (isWeeklyRestDay(day) || taken.contains(day)) {
                day = day.plusDays(1);
            }
            taken.add(day);
            result.add(new NonWorkingDay(day, NonWorkingDay.Kind.COMPENSATORY_DAY_OFF, LocalizedText.of(
                    "Nghỉ bù " + holiday.name().vi() + " trùng ngày nghỉ hằng tuần " + vietnameseDate(holiday.date()),
                    "Day off in lieu of " + holiday.name().en() + ", which fell on a weekly rest day (" + holiday.date() + ")")));
        }
        return List.copyOf(result);
    }

    static boolean isWeeklyRestDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    /** The last day of the old lunar year and the first four of the new one. */
    static List<LocalDate> defaultTetDays(int year) {
        LocalDate newYear = LunarCalendar.VIETNAM.lunarNewYear(year);
        return List.of(newYear.minusDays(1), newYear, newYear.plusDays(1), newYear.plusDays(2), newYear.plusDays(3));
    }

    static LocalDate defaultAdjacentDay(LocalDate nationalDay, NationalDayAdjacentDay rule) {
        return switch (rule) {
            case DAY_BEFORE -> nationalDay.minusDays(1);
            case DAY_AFTER -> nationalDay.plusDays(1);
            case CUSTOMARY -> switch (nationalDay.getDayOfWeek()) {
                case MONDAY, THURSDAY, SUNDAY -> nationalDay.plusDays(1);
                case TUESDAY, WEDNESDAY, FRIDAY, SATURDAY -> nationalDay.minusDays(1);
            };
        };
    }

    /** dd/MM/yyyy without a DateTimeFormatter (whose first use is slow at cold start). */
    private static String vietnameseDate(LocalDate date) {
        int d = date.getDayOfMonth();
        int m = date.getMonthValue();
        return (d < 10 ? "0" : "") + d + "/" + (m < 10 ? "0" : "") + m + "/" + date.getYear();
    }

    private static LocalizedText tetName(LunarDate lunar) {
        String monthVi = lunar.month() == 1 ? "tháng Giêng" : lunar.month() == 12 ? "tháng Chạp" : "tháng " + lunar.month();
        String dayVi = lunar.day() <= 10 ? "mùng " + lunar.day() : String.valueOf(lunar.day());
        return LocalizedText.of(
                "Tết Nguyên đán (" + dayVi + " " + monthVi + ")",
                "Lunar New Year (" + ordinal(lunar.day()) + " day of the " + ordinal(lunar.month()) + " lunar month)");
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = (mod100 >= 11 && mod100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
