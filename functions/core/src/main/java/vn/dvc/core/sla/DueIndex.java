package vn.dvc.core.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.dvc.core.dossier.DossierStatus;

/**
 * The port to the sparse due-date index (ByDueDate, gsi5): open dossiers whose statutory clock runs, per province,
 * ordered by stage then due date. The SLA monitor reads it instead of scanning; the statistics read it for the live
 * "overdue now" and "due soon" values.
 *
 * <p>Key: {@code gsi5pk = DUE#<province>}, {@code gsi5sk = <stage>#<dueAt>#<code>}. A dossier leaves the index when it
 * reaches a final status, while its clock is stopped (supplement requested) and when it has no due date.
 */
public interface DueIndex {
    enum Stage {
        /** not yet warned */
        TO_WARN("1"),
        /** the agency was warned that it is due soon */
        WARNED("2"),
        /** flagged overdue (apology issued), still open */
        OVERDUE("3"),
        /**
         * the agency moved the appointment past the statutory due date (its own apology slip): watched against the
         * agency's date, and counted as overdue all the while, so a new date never hides a late dossier
         */
        RESCHEDULED("4"),
        /** rescheduled, and the agency was warned that its own date is near */
        RESCHEDULED_WARNED("5");

        private final String prefix;

        Stage(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        /** Counted in "overdue now": flagged, or past the statutory date with the agency's new appointment pending. */
        public boolean overdueNow() {
            return this == OVERDUE || this == RESCHEDULED || this == RESCHEDULED_WARNED;
        }
    }

    record Entry(String code, String agencyId, String communeCode, String procedureCode, Instant dueAt, Stage stage) {}

    /** One province's entries at {@code stage} due strictly before {@code before} (null: all), earliest first. */
    List<Entry> dueBefore(String provinceCode, Stage stage, Instant before, int limit);

    /** Where a dossier in this state belongs in the index; empty: not indexed (the key is removed). */
    static Optional<Stage> stageOf(DossierStatus status, Instant dueAt, boolean paused, boolean overdue, boolean warned) {
        return stageOf(status, dueAt, paused, overdue, warned, false);
    }

    /**
     * @param dueAt the date watched: the agency's new appointment once it set one, else the statutory due date
     * @param rescheduled the agency set an appointment after the statutory due date
     */
    static Optional<Stage> stageOf(DossierStatus status, Instant dueAt, boolean paused, boolean overdue, boolean warned,
                                   boolean rescheduled) {
        if (status == null || status.isFinal() || dueAt == null || paused || status == DossierStatus.SUPPLEMENT_REQUESTED) {
            return Optional.empty();
        }
        if (overdue) {
            return Optional.of(Stage.OVERDUE);
        }
        if (rescheduled) {
            return Optional.of(warned ? Stage.RESCHEDULED_WARNED : Stage.RESCHEDULED);
        }
        return Optional.of(warned ? Stage.WARNED : Stage.TO_WARN);
    }

    static String partition(String provinceCode) {
        return "DUE#" + provinceCode;
    }

    static String sortKey(Stage stage, Instant dueAt, String code) {
        return stage.prefix() + "#" + dueAt + "#" + code;
    }
}
