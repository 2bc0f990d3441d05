package vn.dvc.core.fees;

import java.util.List;

/**
 * All charges of one procedure version. An empty schedule means the procedure is verified to be
 * free; a procedure whose fees are unknown has no schedule at all (null), never an empty one.
 */
public record FeeSchedule(List<FeeLine> lines) {
    public FeeSchedule {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static FeeSchedule of(FeeLine... lines) {
        return new FeeSchedule(List.of(lines));
    }
}
