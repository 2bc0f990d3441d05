package vn.dvc.core.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.dvc.core.text.LocalizedText;

/**
 * Working days and statutory deadlines of administrative procedures, in Vietnam time (Asia/Ho_Chi_Minh, UTC+7).
 *
 * <h2>Working day</h2>
 * Monday to Friday, minus the public holidays of Labour Code 2019 Art. 112 ({@link PublicHolidays}), minus the
 * day given in lieu of a holiday that fell on a weekly rest day (Art. 111(3), switchable in {@link HolidayRules}),
 * minus announced days off, plus announced make-up Saturdays/Sundays ({@link CalendarAdjustments}). An announced
 * entry wins over everything else for its date.
 *
 * <h2>Counting rules</h2>
 * Processing times are counted from the receipt of a complete, valid dossier; one-stop handling is governed by
 * Decree 118/2025/NĐ-CP (the article that states these counting rules is not verified here, so they are this
 * project's reading of practice, kept in one place):
 * <ul>
 *   <li><b>Receipt day.</b> A dossier received on a working day up to the end of office hours is received that
 *       day; one received after office hours or on a non-working day (e.g. online at night or on Sunday) is
 *       deemed received on the next working day.</li>
 *   <li><b>Working days.</b> Counting starts on the working day after the receipt day; a time of N working days is
 *       due at the end of office hours of the N-th counted working day. N = 0 (immediate handling) is due at the
 *       end of office hours of the receipt day.</li>
 *   <li><b>Working hours.</b> Only office hours count, from the receipt instant (or the next opening if received
 *       outside office hours); the due instant is when the N-th office hour ends (it may be 12:00).</li>
 *   <li><b>Stopped clock.</b> {@link #extendForPause}: while a supplementation is pending the clock does not
 *       run. {@link ResumePolicy#RESUME} keeps the office time that was left at the pause and counts it from
 *       resumption; a working-days deadline then ends at the close of the day on which that time runs out.
 *       {@link ResumePolicy#RESTART} counts the whole time again, with the receipt rule, from resumption.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. Creating one is cheap (nothing is computed); holidays are computed per year
 * on first use and cached in the instance. Years before {@link PublicHolidays#FIRST_YEAR} are refused.
 */
public final class WorkingDayCalendar {
    /**
     * Vietnam time. Asia/Ho_Chi_Minh has been UTC+7 with no daylight saving since 13 June 1975, so the fixed offset
     * gives the same results for every supported year while sparing the time-zone database load at cold start.
     */
    public static final ZoneId ZONE = ZoneOffset.ofHours(7);

    /** Far beyond any statutory time; stops runaway loops on a misconfigured calendar. */
    static final int MAX_DAYS = 3_660;
    private static final int MAX_HOURS = MAX_DAYS * 24;
    /** No real calendar has this many non-working days in a row. */
    private static final int MAX_DAYS_OFF_IN_A_ROW = 60;

    private static final LocalizedText SATURDAY = LocalizedText.of("Thứ Bảy (nghỉ hằng tuần)", "Saturday (weekly rest day)");
    private static final LocalizedText SUNDAY = LocalizedText.of("Chủ nhật (nghỉ hằng tuần)", "Sunday (weekly rest day)");

    private static final java.util.Comparator<NonWorkingDay> BY_DATE = (a, b) -> a.date().compareTo(b.date());

    private final OfficeHours officeHours;
    private final HolidayRules rules;
    private final CalendarAdjustments adjustments;
    private final ConcurrentHashMap<Integer, YearPlan> plans = new ConcurrentHashMap<>();

    private WorkingDayCalendar(OfficeHours officeHours, HolidayRules rules, CalendarAdjustments adjustments) {
        this.officeHours = Objects.requireNonNull(officeHours, "officeHours");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.adjustments = Objects.requireNonNull(adjustments, "adjustments");
    }

    /** Standard office hours, default rules, bundled announcements; one shared instance. */
    public static WorkingDayCalendar standard() {
        return Standard.INSTANCE;
    }

    public static WorkingDayCalendar of(OfficeHours officeHours, HolidayRules rules, CalendarAdjustments adjustments) {
        return new WorkingDayCalendar(officeHours, rules, adjustments);
    }

    /** This calendar with {@code extra} announcements merged over its own (see {@link CalendarAdjustments#mergedWith}). */
    public WorkingDayCalendar withAdjustments(CalendarAdjustments extra) {
        return new WorkingDayCalendar(officeHours, rules, adjustments.mergedWith(extra));
    }

    public WorkingDayCalendar withOfficeHours(OfficeHours hours) {
        return new WorkingDayCalendar(hours, rules, adjustments);
    }

    public WorkingDayCalendar withRules(HolidayRules newRules) {
        return new WorkingDayCalendar(officeHours, newRules, adjustments);
    }

    public OfficeHours officeHours() {
        return officeHours;
    }

    public HolidayRules rules() {
        return rules;
    }

    public CalendarAdjustments adjustments() {
        return adjustments;
    }

    // ---- days -------------------------------------------------------------------------------------------

    public boolean isWorkingDay(LocalDate date) {
        return nonWorkingDay(date).isEmpty();
    }

    /** Why {@code date} is not a working day, or empty if it is one. */
    public Optional<NonWorkingDay> nonWorkingDay(LocalDate date) {
        YearPlan plan = plan(date.getYear());
        if (plan.makeUpWorkingDays().contains(date)) {
            return Optional.empty();
        }
        NonWorkingDay special = plan.daysOff().get(date);
        if (special != null) {
            return Optional.of(special);
        }
        DayOfWeek dow = date.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY) {
            return Optional.of(new NonWorkingDay(date, NonWorkingDay.Kind.WEEKEND, SATURDAY));
        }
        if (dow == DayOfWeek.SUNDAY) {
            return Optional.of(new NonWorkingDay(date, NonWorkingDay.Kind.WEEKEND, SUNDAY));
        }
        return Optional.empty();
    }

    /** The public holidays of {@code year} with this calendar's rules and announcements. */
    public List<Holiday> holidays(int year) {
        return plan(year).holidays();
    }

    /** Every day off of {@code year} other than a plain weekend: holidays, compensating and announced days off. */
    public List<NonWorkingDay> daysOff(int year) {
        List<NonWorkingDay> days = new ArrayList<>(plan(year).daysOff().values());
        days.sort(BY_DATE);
        return List.copyOf(days);
    }

    /** The Saturdays and Sundays of {@code year} announced as working days. */
    public List<LocalDate> makeUpWorkingDays(int year) {
        List<LocalDate> days = new ArrayList<>(plan(year).makeUpWorkingDays());
        days.sort(null);
        return List.copyOf(days);
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate day = date.plusDays(1);
        for (int i = 0; !isWorkingDay(day); i++) {
            if (i > MAX_DAYS_OFF_IN_A_ROW) {
                throw new IllegalStateException("no working day within " + MAX_DAYS_OFF_IN_A_ROW + " days after " + date);
            }
            day = day.plusDays(1);
        }
        return day;
    }

    /**
     * The day a dossier received at {@code instant} counts as received: that day if it is a working day and the
     * instant is not after the end of office hours, else the next working day.
     */
    public LocalDate receiptDay(Instant instant) {
        LocalDateTime local = local(instant);
        LocalDate day = local.toLocalDate();
        if (isWorkingDay(day) && !local.toLocalTime().isAfter(officeHours.closing())) {
            return day;
        }
        return nextWorkingDay(day);
    }

    // ---- deadlines ----------------------------------------------------------------------------------------

    /**
     * The deadline of a processing time of {@code days} working days for a dossier received at {@code start}:
     * end of office hours of the {@code days}-th working day after the receipt day (see the class comment).
     */
    public Deadline addWorkingDays(Instant start, int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("working days must be 0.." + MAX_DAYS + ": " + days);
        }
        LocalDate receipt = receiptDay(start);
        LocalDate dueDay = receipt;
        for (int i = 0; i < days; i++) {
            dueDay = nextWorkingDay(dueDay);
        }
        Instant countingStart = days == 0
                ? latest(start, instant(receipt.atTime(officeHours.opening())))
                : instant(nextWorkingDay(receipt).atTime(officeHours.opening()));
        Instant due = instant(dueDay.atTime(officeHours.closing()));
        return new Deadline(start, Deadline.Unit.WORKING_DAYS, days, countingStart, due,
                nonWorkingDays(local(start).toLocalDate(), dueDay), List.of());
    }

    /** The deadline of {@code hours} office hours counted from {@code start} (or the next opening). */
    public Deadline addWorkingHours(Instant start, int hours) {
        if (hours < 0 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("working hours must be 0.." + MAX_HOURS + ": " + hours);
        }
        Instant countingStart = plusOfficeTime(start, Duration.ZERO);
        Instant due = plusOfficeTime(countingStart, Duration.ofHours(hours));
        return new Deadline(start, Deadline.Unit.WORKING_HOURS, hours, countingStart, due,
                nonWorkingDays(local(start).toLocalDate(), local(due).toLocalDate()), List.of());
    }

    /**
     * Working days from {@code from} to {@code to} as the deadline rule counts them: the working days after the
     * receipt day of {@code from}, up to and including the receipt day of {@code to} (so
     * {@code workingDaysBetween(s, addWorkingDays(s, n).due()) == n}). A result delivered on the working day after
     * its due date is 1 day late. Negative when {@code to} is before {@code from}.
     */
    public int workingDaysBetween(Instant from, Instant to) {
        LocalDate a = receiptDay(from);
        LocalDate b = receiptDay(to);
        if (a.equals(b)) {
            return 0;
        }
        boolean forward = a.isBefore(b);
        LocalDate first = forward ? a : b;
        LocalDate last = forward ? b : a;
        int count = 0;
        for (LocalDate d = first.plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return forward ? count : -count;
    }

    /** Office time (working days only) between two instants; zero if {@code to} is not after {@code from}. */
    public Duration officeTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        LocalDateTime a = local(from);
        LocalDateTime b = local(to);
        Duration total = Duration.ZERO;
        for (LocalDate d = a.toLocalDate(); !d.isAfter(b.toLocalDate()); d = d.plusDays(1)) {
            if (!isWorkingDay(d)) {
                continue;
            }
            for (OfficeHours.Session s : officeHours.sessions()) {
                LocalDateTime begin = latest(a, d.atTime(s.start()));
                LocalDateTime end = earliest(b, d.atTime(s.end()));
                if (begin.isBefore(end)) {
                    total = total.plus(Duration.between(begin, end));
                }
            }
        }
        return total;
    }

    /**
     * The deadline after the clock stopped at {@code pausedAt} (e.g. supplementation requested) and started again
     * at {@code resumedAt}. The pause is recorded in the result. With {@link ResumePolicy#RESUME} the office time
     * left at the pause (not counting time before {@link Deadline#countingStart()}) is counted from resumption;
     * a pause starting at or after the due instant changes nothing (the dossier is already late). With
     * {@link ResumePolicy#RESTART} the whole processing time is counted again from resumption with the receipt rule.
     */
    public Deadline extendForPause(Deadline deadline, Instant pausedAt, Instant resumedAt, ResumePolicy policy) {
        Deadline.Pause pause = new Deadline.Pause(pausedAt, resumedAt, policy);
        List<Deadline.Pause> pauses = new ArrayList<>(deadline.pauses());
        pauses.add(pause);
        LocalDate startDate = local(deadline.start()).toLocalDate();
        boolean days = deadline.unit() == Deadline.Unit.WORKING_DAYS;

        if (policy == ResumePolicy.RESTART) {
            Deadline fresh = days ? addWorkingDays(resumedAt, deadline.amount()) : addWorkingHours(resumedAt, deadline.amount());
            return new Deadline(deadline.start(), deadline.unit(), deadline.amount(), fresh.countingStart(), fresh.due(),
                    nonWorkingDays(startDate, fresh.dueDate()), pauses);
        }
        if (!pausedAt.isBefore(deadline.due())) {
            return new Deadline(deadline.start(), deadline.unit(), deadline.amount(), deadline.countingStart(),
                    deadline.due(), deadline.skippedDays(), pauses);
        }
        Duration left = officeTimeBetween(latest(pausedAt, deadline.countingStart()), deadline.due());
        Instant due = plusOfficeTime(latest(resumedAt, deadline.countingStart()), left);
        if (days) {
            due = instant(local(due).toLocalDate().atTime(officeHours.closing()));
        }
        return new Deadline(deadline.start(), deadline.unit(), deadline.amount(), deadline.countingStart(), due,
                nonWorkingDays(startDate, local(due).toLocalDate()), pauses);
    }

    // ---- internals ---------------------------------------------------------------------------------------

    /** The instant at which {@code amount} of office time counted from {@code from} runs out (zero: next office instant). */
    private Instant plusOfficeTime(Instant from, Duration amount) {
        LocalDateTime cursor = local(from);
        LocalDate day = cursor.toLocalDate();
        Duration remaining = amount;
        for (int guard = 0; guard <= MAX_DAYS * 2; guard++) {
            if (isWorkingDay(day)) {
                for (OfficeHours.Session s : officeHours.sessions()) {
                    LocalDateTime begin = latest(cursor, day.atTime(s.start()));
                    LocalDateTime end = day.atTime(s.end());
                    if (!begin.isBefore(end)) {
                        continue;
                    }
                    Duration available = Duration.between(begin, end);
                    if (remaining.compareTo(available) <= 0) {
                        return instant(begin.plus(remaining));
                    }
                    remaining = remaining.minus(available);
                }
            }
            day = day.plusDays(1);
            cursor = day.atStartOfDay();
        }
        throw new IllegalStateException("office time " + amount + " from " + from + " does not end");
    }

    private List<NonWorkingDay> nonWorkingDays(LocalDate from, LocalDate to) {
        List<NonWorkingDay> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            nonWorkingDay(d).ifPresent(out::add);
        }
        return out;
    }

    private YearPlan plan(int year) {
        return plans.computeIfAbsent(year, this::computePlan);
    }

    private YearPlan computePlan(int year) {
        List<Holiday> holidays = PublicHolidays.of(year, rules, adjustments);
        Map<LocalDate, NonWorkingDay> daysOff = new HashMap<>();
        for (Holiday h : holidays) {
            daysOff.put(h.date(), new NonWorkingDay(h.date(), NonWorkingDay.Kind.PUBLIC_HOLIDAY, h.name()));
        }
        if (rules.compensateOnRestDays()) {
            for (NonWorkingDay c : PublicHolidays.compensatoryDaysOff(holidays)) {
                daysOff.putIfAbsent(c.date(), c);
            }
        }
        Set<LocalDate> makeUp = new HashSet<>();
        for (CalendarAdjustments.Adjustment a : adjustments.inYear(year)) {
            switch (a.kind()) {
                case DAY_OFF -> {
                    daysOff.putIfAbsent(a.date(), new NonWorkingDay(a.date(), NonWorkingDay.Kind.ANNOUNCED_DAY_OFF, a.reason()));
                    makeUp.remove(a.date());
                }
                case WORKING_DAY -> {
                    daysOff.remove(a.date());
                    makeUp.add(a.date());
                }
                case REGULAR -> { }
            }
        }
        return new YearPlan(holidays, Map.copyOf(daysOff), Set.copyOf(makeUp));
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZONE);
    }

    private static Instant instant(LocalDateTime local) {
        return local.atZone(ZONE).toInstant();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDateTime latest(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDateTime earliest(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private record YearPlan(List<Holiday> holidays, Map<LocalDate, NonWorkingDay> daysOff, Set<LocalDate> makeUpWorkingDays) {}

    private static final class Standard {
        static final WorkingDayCalendar INSTANCE =
                new WorkingDayCalendar(OfficeHours.STANDARD, HolidayRules.DEFAULT, CalendarAdjustments.bundled());
    }
}
