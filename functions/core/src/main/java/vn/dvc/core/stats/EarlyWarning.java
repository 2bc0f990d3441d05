package vn.dvc.core.stats;

import java.util.Comparator;
import java.util.List;

/**
 * Early warning for slow units (the "cảnh báo sớm" of the monitoring system): ALERT when a unit has overdue
 * dossiers and a poor on-time rate (or no completions yet to show for), WATCH when something is about to go wrong
 * (dossiers due soon, or an on-time rate under the watch threshold), else NONE. Thresholds are configurable.
 */
public record EarlyWarning(double alertOnTimeRate, double watchOnTimeRate) {
    public static final EarlyWarning STANDARD = new EarlyWarning(0.90, 0.95);

    public enum Level { NONE, WATCH, ALERT }

    public EarlyWarning {
        if (!(alertOnTimeRate >= 0 && alertOnTimeRate <= watchOnTimeRate && watchOnTimeRate <= 1)) {
            throw new IllegalArgumentException("need 0 <= alert <= watch <= 1");
        }
    }

    public Level levelOf(Indicators i) {
        Double onTime = i.onTimeRate();
        if (i.overdueNow() > 0 && (onTime == null || onTime < alertOnTimeRate)) {
            return Level.ALERT;
        }
        if (i.dueSoon() > 0 || (onTime != null && onTime < watchOnTimeRate)) {
            return Level.WATCH;
        }
        return Level.NONE;
    }

    /** One ranked row: a unit (or a day) and its indicators. */
    public record Row(String key, String name, Indicators indicators) {}

    /** Worst first: ascending on-time rate (units without completions last), then more overdue first, then key. */
    public static final Comparator<Row> RANKING = Comparator
            .comparing((Row r) -> r.indicators().onTimeRate(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> -r.indicators().overdueNow())
            .thenComparing(Row::key);

    public static List<Row> rank(List<Row> rows) {
        return rows.stream().sorted(RANKING).toList();
    }
}
