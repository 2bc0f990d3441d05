package vn.dvc.core.stats;

import java.time.LocalDate;
import java.util.Map;

/**
 * The port to the statistics counters: per day x scope (country, province, agency, commune), a total and one row
 * per agency / commune / procedure inside the scope. Recording is exactly-once per {@link StatsDelta#dedupeKey()}:
 * the counter increments and the dedupe marker are written in one transaction.
 */
public interface StatsStore {

    /** @return false when this delta was already counted (a redelivery or a duplicated stream record) */
    boolean record(StatsDelta delta);

    /** The scope's totals per day in [from, to]. Days without activity are absent. */
    Map<LocalDate, Indicators> totalsByDay(String scopeKey, LocalDate from, LocalDate to);

    /** The scope's rows of {@code dimension} (AGENCY, COMMUNE or PROCEDURE), summed over [from, to], by row key. */
    Map<String, Indicators> rows(String scopeKey, Dimension dimension, LocalDate from, LocalDate to);
}
