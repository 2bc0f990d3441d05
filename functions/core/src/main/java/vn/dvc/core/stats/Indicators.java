package vn.dvc.core.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service-quality indicators of one unit over a period (Decision 766/QĐ-TTg 2022: on-time rate, online rate,
 * satisfaction; and the counts they come from). Counters are summed over days; {@code overdueNow} and
 * {@code dueSoon} are live values (from the due-date index), not sums. Rates are null when their base is zero.
 */
public final class Indicators {
    /** The counters the aggregator keeps per day (names are the stored attribute names). */
    public static final List<String> COUNTERS = List.of("received", "accepted", "completed", "completedOnTime",
            "completedLate", "online", "counter", "assisted", "paidOnline", "digitisedResults", "ratingCount",
            "ratingSum", "refused", "withdrawn", "becameOverdue");

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long overdueNow;
    private long dueSoon;

    public Indicators() {
        COUNTERS.forEach(c -> counts.put(c, 0L));
    }

    public static Indicators of(Map<String, Long> values) {
        Indicators i = new Indicators();
        values.forEach((k, v) -> {
            if (i.counts.containsKey(k) && v != null) {
                i.counts.put(k, v);
            }
        });
        return i;
    }

    public long get(String counter) {
        if (counter.equals("overdueNow")) return overdueNow;
        if (counter.equals("dueSoon")) return dueSoon;
        Long v = counts.get(counter);
        if (v == null) throw new IllegalArgumentException("no counter " + counter);
        return v;
    }

    public Indicators add(Indicators other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        overdueNow += other.overdueNow;
        dueSoon += other.dueSoon;
        return this;
    }

    public void addCounter(String counter, long delta) {
        if (!counts.containsKey(counter)) throw new IllegalArgumentException("no counter " + counter);
        counts.merge(counter, delta, Long::sum);
    }

    public void addOverdueNow(long n) {
        overdueNow += n;
    }

    public void addDueSoon(long n) {
        dueSoon += n;
    }

    public long overdueNow() {
        return overdueNow;
    }

    public long dueSoon() {
        return dueSoon;
    }

    /** completedOnTime / completed, or null without completions. */
    public Double onTimeRate() {
        return ratio(get("completedOnTime"), get("completed"));
    }

    /** online / received, or null without receipts. */
    public Double onlineRate() {
        return ratio(get("online"), get("received"));
    }

    /** ratingSum / ratingCount (1..5), or null without ratings. */
    public Double satisfaction() {
        return ratio(get("ratingSum"), get("ratingCount"));
    }

    /** A rate, or an explicit JSON null (the project's mapper leaves Java nulls out; the contract shows them). */
    static Object orNull(Double rate) {
        return rate == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : rate;
    }

    static Double ratio(long part, long whole) {
        if (whole <= 0) return null;
        return Math.round(part * 10000.0 / whole) / 10000.0; // four decimals are plenty for a dashboard
    }

    /** The contract's Indicators object (counts, then the three rates). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : List.of("received", "accepted", "completed", "completedOnTime", "completedLate")) {
            m.put(c, counts.get(c));
        }
        m.put("overdueNow", overdueNow);
        m.put("dueSoon", dueSoon);
        for (String c : List.of("online", "counter", "assisted", "paidOnline", "digitisedResults", "ratingCount",
                "ratingSum", "refused", "withdrawn", "becameOverdue")) {
            m.put(c, counts.get(c));
        }
        m.put("onTimeRate", orNull(onTimeRate()));
        m.put("onlineRate", orNull(onlineRate()));
        m.put("satisfaction", orNull(satisfaction()));
        return m;
    }
}
