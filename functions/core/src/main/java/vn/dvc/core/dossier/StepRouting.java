package vn.dvc.core.dossier;

import java.util.ArrayList;
import java.util.List;

/**
 * Which step queues a committed status change feeds. The stream router applies it to every change of a dossier's
 * META item, so no step ever "writes and then sends" (no dual writes).
 */
public final class StepRouting {
    /** Step queues, named as in template.yaml ({@code <STEP>_QUEUE_URL}). */
    public enum Step { VALIDATION, FEE, NOTIFY, STATS }

    private StepRouting() {}

    public static List<Step> stepsFor(DossierStatus from, DossierStatus to) {
        List<Step> steps = new ArrayList<>();
        if (to == null || to == from) {
            return steps;
        }
        if (to == DossierStatus.VALIDATING) {
            steps.add(Step.VALIDATION);
        }
        if (to == DossierStatus.VALIDATED) {
            steps.add(Step.FEE);
        }
        steps.add(Step.NOTIFY);
        steps.add(Step.STATS);
        return steps;
    }

    // ---- monitoring (issue 8): committed changes that are not status changes but still feed steps
    /** A flag a change raised: the SLA monitor's overdue flag (with its apology slip), or the citizen's rating. */
    public enum Flag { OVERDUE, RATED, RESCHEDULED }

    /** The citizen hears of the apology (NOTIFY) and the statistics count both (STATS). */
    public static List<Step> stepsForFlag(Flag flag) {
        return switch (flag) {
            case OVERDUE -> List.of(Step.NOTIFY, Step.STATS);
            case RATED -> List.of(Step.STATS);
            case RESCHEDULED -> List.of(Step.NOTIFY); // the agency's new appointment date: the citizen is told
        };
    }
}
