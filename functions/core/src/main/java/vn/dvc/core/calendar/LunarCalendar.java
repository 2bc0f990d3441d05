package vn.dvc.core.calendar;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7.
 *
 * <p>Algorithm of Hồ Ngọc Đức ("Âm lịch Việt Nam", based on J. Meeus, <i>Astronomical Algorithms</i>):
 * a lunar month starts on the local day of a new moon; month 11 is the month containing the December
 * solstice; a "sui" (month 11 to the next month 11) with 13 months gets a leap month, the first month
 * after month 11 that contains no major solar term (sun longitude crossing a multiple of 30°).
 * Days are local days in UTC+7, which is why Vietnam's calendar differs from China's (UTC+8) in some
 * years (e.g. Tết 1985 was 21 January in Vietnam and 20 February in China).
 *
 * <p>Valid for lunar years {@value #MIN_YEAR}..{@value #MAX_YEAR}. Immutable and thread-safe; month
 * tables are computed once per sui and cached.
 */
public final class LunarCalendar {
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2199;

    /** Vietnam's calendar: UTC+7 (Asia/Ho_Chi_Minh has had no offset other than +7 since 1975). */
    public static final LunarCalendar VIETNAM = new LunarCalendar(7.0);

    /** Julian day number of 1970-01-01, to convert {@link LocalDate#toEpochDay()}. */
    private static final long EPOCH_JDN = 2_440_588L;
    private static final double SYNODIC_MONTH = 29.530588853;
    /** Julian date of the new moon of 1900-01-01 13:52 UT (k = 0 in {@link #newMoon(int)}). */
    private static final double NEW_MOON_1900 = 2415021.076998695;
    private static final double DEG = Math.PI / 180;

    private final double utcOffsetHours;
    private final ConcurrentHashMap<Integer, Sui> suiByStartYear = new ConcurrentHashMap<>();

    private LunarCalendar(double utcOffsetHours) {
        this.utcOffsetHours = utcOffsetHours;
    }

    /** A calendar computed for another time zone (e.g. 8.0 gives the Chinese calendar); used to show the difference. */
    static LunarCalendar forUtcOffset(double hours) {
        return new LunarCalendar(hours);
    }

    /**
     * The solar date of a lunar date.
     *
     * @throws IllegalArgumentException if the year is out of range, the year has no such leap month,
     *                                  or the month has fewer days than {@code lunarDay}
     */
    public LocalDate toSolar(int lunarYear, int lunarMonth, int lunarDay, boolean leapMonth) {
        if (lunarYear < MIN_YEAR || lunarYear > MAX_YEAR) {
            throw new IllegalArgumentException("lunar year outside " + MIN_YEAR + ".." + MAX_YEAR + ": " + lunarYear);
        }
        LunarDate wanted = new LunarDate(lunarYear, lunarMonth, lunarDay, leapMonth);
        // Months 11 and 12 belong to the sui starting in the same year; months 1..10 to the previous one.
        Sui sui = sui(lunarMonth >= 11 ? lunarYear : lunarYear - 1);
        for (int i = 0; i < sui.monthCount(); i++) {
            if (sui.year[i] == lunarYear && sui.month[i] == lunarMonth && sui.leap[i] == leapMonth) {
                int length = sui.lengthOf(i);
                if (lunarDay > length) {
                    throw new IllegalArgumentException(wanted + ": that month has only " + length + " days");
                }
                return LocalDate.ofEpochDay(sui.start[i] + lunarDay - 1 - EPOCH_JDN);
            }
        }
        throw new IllegalArgumentException(wanted + ": lunar year " + lunarYear + " has no such month");
    }

    /** The lunar date of a solar date (dates from 1900-01-31, Tết of lunar year 1900, to 2199-12-31). */
    public LunarDate toLunar(LocalDate date) {
        long jdn = date.toEpochDay() + EPOCH_JDN;
        Sui sui = sui(date.getYear());
        if (jdn < sui.start[0]) {
            sui = sui(date.getYear() - 1);
        }
        int i = sui.monthCount() - 1;
        while (sui.start[i] > jdn) {
            i--;
        }
        LunarDate result = new LunarDate(sui.year[i], sui.month[i], (int) (jdn - sui.start[i] + 1), sui.leap[i]);
        if (result.year() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw new IllegalArgumentException("date outside the supported range: " + date);
        }
        return result;
    }

    /** Tết Nguyên đán: the first day of the first month of {@code lunarYear}. */
    public LocalDate lunarNewYear(int lunarYear) {
        return toSolar(lunarYear, 1, 1, false);
    }

    /** The number of days (29 or 30) of a lunar month. */
    public int monthLength(int lunarYear, int lunarMonth, boolean leapMonth) {
        LocalDate first = toSolar(lunarYear, lunarMonth, 1, leapMonth);
        LunarDate day29 = toLunar(first.plusDays(29));
        return day29.day() == 30 ? 30 : 29;
    }

    private Sui sui(int startYear) {
        return suiByStartYear.computeIfAbsent(startYear, this::computeSui);
    }

    /**
     * The months from month 11 of {@code y} (the month containing the December solstice of solar year y)
     * up to, not including, month 11 of {@code y + 1}.
     */
    private Sui computeSui(int y) {
        int k = month11Index(y);
        long a11 = newMoonDay(k);
        long b11 = newMoonDay(month11Index(y + 1));
        int count = 0;
        while (newMoonDay(k + count) < b11) {
            count++;
        }
        if (count != 12 && count != 13) {
            throw new IllegalStateException("sui " + y + " has " + count + " months");
        }
        int leapOffset = -1;
        if (count == 13) {
            // The leap month is the first one after month 11 without a major term: same sun sector at its start and the next month's.
            leapOffset = 13;
            int previous = sunSector(newMoonDay(k + 1));
            for (int i = 2; i <= 13; i++) {
                int current = sunSector(newMoonDay(k + i));
                if (current == previous) {
                    leapOffset = i - 1;
                    break;
                }
                previous = current;
            }
        }
        long[] start = new long[count + 1];
        int[] year = new int[count];
        int[] month = new int[count];
        boolean[] leap = new boolean[count];
        for (int i = 0; i < count; i++) {
            start[i] = newMoonDay(k + i);
            int m = (leapOffset >= 0 && i >= leapOffset) ? i + 10 : i + 11;
            leap[i] = i == leapOffset;
            if (m > 12) {
                m -= 12;
            }
            month[i] = m;
            year[i] = (m >= 11 && i < 4) ? y : y + 1;
        }
        start[count] = b11;
        if (start[0] != a11) {
            throw new IllegalStateException("inconsistent month 11 for " + y);
        }
        return new Sui(start, year, month, leap);
    }

    /** Index k (see {@link #newMoon(int)}) of the new moon that starts month 11 of solar year y. */
    private int month11Index(int y) {
        long dec31 = LocalDate.of(y, 12, 31).toEpochDay() + EPOCH_JDN;
        int k = (int) Math.floor((dec31 - 2415021) / SYNODIC_MONTH);
        // If the sun is already past 270° (solstice) at that new moon, month 11 started one moon earlier.
        if (sunSector(newMoonDay(k)) >= 9) {
            k--;
        }
        return k;
    }

    /** The local day (Julian day number) of the k-th new moon after 1900-01-01. */
    private long newMoonDay(int k) {
        return (long) Math.floor(newMoon(k) + 0.5 + utcOffsetHours / 24);
    }

    /** Sun longitude sector 0..11 (30° each, 0 = from the March equinox) at local midnight starting day {@code jdn}. */
    private int sunSector(long jdn) {
        return (int) Math.floor(sunLongitude(jdn - 0.5 - utcOffsetHours / 24) / Math.PI * 6);
    }

    /** Julian date (UT) of the k-th new moon (Meeus, ch. 49, truncated series). */
    static double newMoon(int k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
        double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // sun's mean anomaly
        double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // moon's mean anomaly
        double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // moon's argument of latitude
        double c1 = (0.1734 - 0.000393 * t) * Math.sin(m * DEG) + 0.0021 * Math.sin(2 * DEG * m);
        c1 = c1 - 0.4068 * Math.sin(mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * mpr);
        c1 = c1 - 0.0004 * Math.sin(DEG * 3 * mpr);
        c1 = c1 + 0.0104 * Math.sin(DEG * 2 * f) - 0.0051 * Math.sin(DEG * (m + mpr));
        c1 = c1 - 0.0074 * Math.sin(DEG * (m - mpr)) + 0.0004 * Math.sin(DEG * (2 * f + m));
        c1 = c1 - 0.0004 * Math.sin(DEG * (2 * f - m)) - 0.0006 * Math.sin(DEG * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.sin(DEG * (2 * f - mpr)) + 0.0005 * Math.sin(DEG * (2 * mpr + m));
        double deltaT = t < -11
                ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /** Apparent sun longitude in radians [0, 2π) at Julian date {@code jd} (Meeus, ch. 25, low precision). */
    static double sunLongitude(double jd) {
        double t = (jd - 2451545.0) / 36525;
        double t2 = t * t;
        double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(DEG * m);
        dl += (0.019993 - 0.000101 * t) * Math.sin(DEG * 2 * m) + 0.000290 * Math.sin(DEG * 3 * m);
        double l = (l0 + dl) * DEG;
        l -= 2 * Math.PI * Math.floor(l / (2 * Math.PI));
        return l;
    }

    /** Months of one sui: {@code start} has one extra element, the start of the next sui. */
    private record Sui(long[] start, int[] year, int[] month, boolean[] leap) {
        int monthCount() {
            return month.length;
        }

        int lengthOf(int i) {
            return (int) (start[i + 1] - start[i]);
        }
    }
}
