package vn.dvc.core.intake;

import java.util.List;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.units.Commune;

/**
 * Where a new dossier goes. {@link Routed}: the competent agency is known. {@link ManualQueue}: the applicant's old
 * commune was split between several new communes and the request did not say which one (the unit data cannot tell
 * which part of the old commune went where), so the dossier waits in the province's manual routing queue, held by
 * the province's public administration service centre, until an official routes it ({@code transfer}).
 */
public sealed interface RoutingDecision {
    /** The attribute a manually routed dossier carries ({@code "MANUAL"}); cleared when an official routes it. */
    String ATTRIBUTE = "routingQueue";

    Agency agency();

    record Routed(Agency agency, Commune commune, String resolvedFrom) implements RoutingDecision {}

    record ManualQueue(Agency agency, String oldCommuneCode, String provinceCode, List<Commune> candidates)
            implements RoutingDecision {}
}
