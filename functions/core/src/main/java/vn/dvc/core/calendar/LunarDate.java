package vn.dvc.core.calendar;

/**
 * A date of the Vietnamese lunar calendar (âm lịch).
 *
 * @param year  the lunar year, numbered like the solar year in which its first month starts
 * @param month 1..12 (1 = tháng Giêng, 12 = tháng Chạp)
 * @param day   1..30
 * @param leap  true for the intercalary month (tháng nhuận) that repeats {@code month}
 */
public record LunarDate(int year, int month, int day, boolean leap) {
    public LunarDate {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("lunar month must be 1..12: " + month);
        }
        if (day < 1 || day > 30) {
            throw new IllegalArgumentException("lunar day must be 1..30: " + day);
        }
    }
}
