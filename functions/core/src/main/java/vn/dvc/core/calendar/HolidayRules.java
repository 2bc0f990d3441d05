package vn.dvc.core.calendar;

import java.util.Objects;

/**
 * The rules that turn Labour Code 2019 Art. 112 into dates for a year with no (or a partial) announcement.
 *
 * <p>Art. 112(3) lets the Prime Minister fix each year the Lunar New Year days and the day adjacent to
 * National Day; announced choices come from {@link CalendarAdjustments} and win over these defaults.
 *
 * @param nationalDayAdjacentDay   which day joins 2 September when nothing is announced
 * @param compensateOnRestDays     Art. 111(3): a holiday falling on a weekly rest day (Saturday, Sunday)
 *                                 is compensated on the next working day. Switchable because some uses
 *                                 (e.g. comparing with the bare statutory list) want it off.
 */
public record HolidayRules(NationalDayAdjacentDay nationalDayAdjacentDay, boolean compensateOnRestDays) {
    /** Customary adjacent day, compensation on. */
    public static final HolidayRules DEFAULT = new HolidayRules(NationalDayAdjacentDay.CUSTOMARY, true);

    public HolidayRules {
        Objects.requireNonNull(nationalDayAdjacentDay, "nationalDayAdjacentDay");
    }

    public HolidayRules withCompensationOnRestDays(boolean on) {
        return new HolidayRules(nationalDayAdjacentDay, on);
    }

    public HolidayRules withNationalDayAdjacentDay(NationalDayAdjacentDay rule) {
        return new HolidayRules(rule, compensateOnRestDays);
    }

    /**
     * Art. 112(1)(đ): "ngày 02 tháng 9 dương lịch và 01 ngày liền kề trước hoặc sau" (the day before or after).
     */
    public enum NationalDayAdjacentDay {
        /** Always 1 September. */
        DAY_BEFORE,
        /** Always 3 September. */
        DAY_AFTER,
        /**
         * The side that joins the weekend, as announced 2021-2026 (2021 Thu: 3/9; 2022 Fri: 1/9; 2023 Sat: 1/9;
         * 2024 Mon: 3/9; 2025 Tue: 1/9; 2026 Wed: 1/9): 2 September on Monday, Thursday or Sunday takes the day
         * after; on Tuesday, Wednesday, Friday or Saturday the day before. The 2024-2026 choices were checked in
         * press reports of the announcements; the others are the same pattern as the python "holidays" library.
         */
        CUSTOMARY
    }
}
