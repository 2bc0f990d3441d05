package vn.dvc.core.fees;

import java.util.List;

/** The itemised fee of one dossier, shown to the citizen before payment. Total in whole đồng. */
public record FeeBreakdown(List<FeeBreakdownLine> lines, long total) {
    public FeeBreakdown {
        lines = List.copyOf(lines);
    }
}
