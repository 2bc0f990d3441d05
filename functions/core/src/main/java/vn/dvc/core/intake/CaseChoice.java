package vn.dvc.core.intake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dvc.core.catalog.DocumentComponent;
import vn.dvc.core.catalog.Procedure;

/**
 * The case (trường hợp) a filing is made under. The national record lists some procedures' components per case —
 * 1.004222 (đăng ký thường trú) has six alternative cases, each with its own declaration and proofs — and a
 * component's {@code required} is relative to its case ({@link DocumentComponent#caseGroup()}). A dossier holds
 * the components of its own case plus those listed under no case; the rest do not concern it, so completeness
 * never asks for the other cases' documents.
 *
 * <p>The filing names its case ({@code caseGroup}, verbatim as the catalog publishes it); when it does not, the case
 * is inferred from the components it declares (uploads and reuse) if they all belong to one case.
 */
public final class CaseChoice {
    /** The dossier attribute holding the chosen case (absent for procedures with a single case). */
    public static final String ATTRIBUTE = "caseGroup";

    private CaseChoice() {}

    /** The procedure's alternative cases, in catalog order; fewer than two means there is nothing to choose. */
    public static List<String> cases(Procedure procedure) {
        Set<String> cases = new LinkedHashSet<>();
        for (DocumentComponent c : procedure.components()) {
            if (c.caseGroup() != null && !c.caseGroup().isBlank()) {
                cases.add(c.caseGroup());
            }
        }
        return List.copyOf(cases);
    }

    /** The components a dossier of this case holds: the case's own and the ones listed under no case. */
    public static List<DocumentComponent> componentsOf(Procedure procedure, String chosenCase) {
        if (chosenCase == null || cases(procedure).size() < 2) {
            return procedure.components();
        }
        return procedure.components().stream()
                .filter(c -> c.caseGroup() == null || c.caseGroup().isBlank() || c.caseGroup().equals(chosenCase))
                .toList();
    }

    /**
     * The case of a filing: the named one, or the one every declared component belongs to. Problems (unknown case,
     * no case where one is needed, components of several cases or of another case) are added to {@code problems};
     * the result is then null.
     */
    public static String choose(Procedure procedure, String named, Collection<String> declared,
                                List<Map<String, Object>> problems) {
        List<String> cases = cases(procedure);
        if (cases.size() < 2) {
            if (named != null && !cases.contains(named)) {
                problems.add(Map.of("field", ATTRIBUTE, "code", "UNKNOWN_CASE", "cases", cases));
                return null;
            }
            return cases.isEmpty() ? null : cases.get(0);
        }
        String chosen = named;
        if (named != null && !cases.contains(named)) {
            problems.add(Map.of("field", ATTRIBUTE, "code", "UNKNOWN_CASE", "cases", cases));
            return null;
        }
        if (chosen == null) {
            Set<String> implied = new LinkedHashSet<>();
            for (DocumentComponent c : procedure.components()) {
                if (declared.contains(c.code()) && c.caseGroup() != null && !c.caseGroup().isBlank()) {
                    implied.add(c.caseGroup());
                }
            }
            if (implied.size() != 1) {
                problems.add(Map.of("field", ATTRIBUTE, "code", implied.isEmpty() ? "CASE_REQUIRED" : "CASES_MIXED",
                        "cases", cases));
                return null;
            }
            chosen = implied.iterator().next();
        }
        List<String> outside = new ArrayList<>();
        for (DocumentComponent c : procedure.components()) {
            if (declared.contains(c.code()) && c.caseGroup() != null && !c.caseGroup().isBlank()
                    && !c.caseGroup().equals(chosen)) {
                outside.add(c.code());
            }
        }
        for (String code : outside) {
            problems.add(Map.of("field", "components", "component", code, "code", "NOT_IN_CASE"));
        }
        return outside.isEmpty() ? chosen : null;
    }
}
