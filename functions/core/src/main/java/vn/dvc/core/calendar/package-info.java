/**
 * The Vietnamese working-day calendar for statutory deadlines of administrative procedures.
 *
 * <ul>
 *   <li>{@link vn.dvc.core.calendar.LunarCalendar}: the Vietnamese lunar calendar (UTC+7), for Tết and Hùng Kings' day.</li>
 *   <li>{@link vn.dvc.core.calendar.PublicHolidays}: the holidays of Labour Code 2019 (45/2019/QH14) Art. 112 and the
 *       compensating days of Art. 111(3).</li>
 *   <li>{@link vn.dvc.core.calendar.CalendarAdjustments}: the Government's yearly announcements (Tết days, National Day
 *       adjacent day, swaps and make-up days), bundled with sources and overridable by configuration.</li>
 *   <li>{@link vn.dvc.core.calendar.WorkingDayCalendar}: the API: working days, deadlines with explanation, stopped clock.</li>
 * </ul>
 */
package vn.dvc.core.calendar;
