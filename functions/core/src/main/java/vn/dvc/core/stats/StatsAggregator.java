package vn.dvc.core.stats;

import java.time.Instant;
import java.util.Optional;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;

/**
 * The stats-aggregator's use case: one message of the stream router -> at most one {@link StatsDelta}, recorded
 * exactly once ({@link StatsStore#record}). The dossier is read for its unit, procedure, channel, due date and result.
 */
public final class StatsAggregator {
    public enum Outcome { COUNTED, DUPLICATE, NOTHING_TO_COUNT, NOT_FOUND }

    private final DossierStore dossiers;
    private final StatsStore stats;

    public StatsAggregator(DossierStore dossiers, StatsStore stats) {
        this.dossiers = dossiers;
        this.stats = stats;
    }

    public Outcome statusChanged(String code, DossierStatus from, DossierStatus to, long version, Instant at) {
        return dossiers.find(code).map(d -> record(StatsCounting.statusChanged(d, from, to, version, at)))
                .orElse(Outcome.NOT_FOUND);
    }

    public Outcome overdue(String code, long version, Instant at) {
        return dossiers.find(code).map(d -> record(StatsCounting.overdue(d, version, at))).orElse(Outcome.NOT_FOUND);
    }

    public Outcome rated(String code, long version, Instant at) {
        return dossiers.find(code).map(d -> record(StatsCounting.rated(d, version, at))).orElse(Outcome.NOT_FOUND);
    }

    private Outcome record(Optional<StatsDelta> delta) {
        if (delta.isEmpty()) {
            return Outcome.NOTHING_TO_COUNT;
        }
        StatsDelta d = delta.get();
        if (d.agencyId() == null || d.communeCode() == null || d.provinceCode() == null || d.procedureCode() == null) {
            return Outcome.NOTHING_TO_COUNT; // not yet routed to a unit (manual routing queue): nothing to attribute
        }
        return stats.record(d) ? Outcome.COUNTED : Outcome.DUPLICATE;
    }
}
