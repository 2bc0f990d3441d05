package vn.dvc.core.fees;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.text.LocalizedText;

/** The fee request as the fee step reads it from a dossier: channel, province, day, claims and their proofs. */
class FeeAssessmentTest {
    // 2026-03-01T18:30Z is already 2 March in Vietnam (UTC+7)
    private static final Instant FILED = Instant.parse("2026-03-01T18:30:00Z");

    private static Dossier dossier(String procedure, Channel channel, Map<String, Object> form, Map<String, Object> attributes) {
        return new Dossier("X00004.UBND-260302-0001", procedure, 1, DossierStatus.VALIDATED, 5, "X00004.UBND", "00004", "01",
                channel, null, "k", null, FILED, FILED, null, form, attributes);
    }

    private static Component component(String code, ComponentState state, String substitutedBy) {
        return new Component(code, true, state, null, null, 0, null, null, substitutedBy, null, FILED);
    }

    static Stream<Arguments> seeded() {
        return Stream.of(
                Arguments.of("1.004222", Channel.ONLINE, 10_000L),
                Arguments.of("1.004222", Channel.COUNTER, 20_000L),
                Arguments.of("1.004222", Channel.POST, 20_000L),
                Arguments.of("1.001456", Channel.ONLINE, 200_000L),
                Arguments.of("1.001193", Channel.ONLINE, 0L));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("seeded")
    void seededProceduresThroughTheDossier(String code, Channel channel, long expected) {
        FeeSchedule schedule = ProcedureCatalog.bundled().byCode(code).orElseThrow().feeSchedule();
        FeeRequest request = FeeAssessment.requestFor(dossier(code, channel, Map.of(), Map.of()), List.of());
        assertEquals(LocalDate.of(2026, 3, 2), request.submittedOn());
        assertEquals("01", request.provinceCode());
        assertEquals(expected, FeeCalculator.calculate(schedule, request).total());
    }

    private static final FeeLine EXEMPTABLE = new FeeLine("le-phi", LocalizedText.of("Lệ phí", "Fee"), FeeKind.LE_PHI,
            FeeBasis.PER_DOSSIER, 20_000, 0, null, null, List.of(
                    new Exemption("POOR_HOUSEHOLD", ProofKind.REGISTER, null, "Điều thử 1"),
                    new Exemption("DISABILITY", ProofKind.COMPONENT, "giay-xac-nhan-khuyet-tat", "Điều thử 2")), "Văn bản thử");

    static Stream<Arguments> exemptionPaths() {
        Map<String, Object> claimsPoor = Map.of("applicant", Map.of("categories", List.of("POOR_HOUSEHOLD")));
        Map<String, Object> claimsDisability = Map.of("categories", List.of("DISABILITY"));
        Map<String, Object> confirmedPoor = Map.of("identityEvidence", Map.of("confirmedCategories", List.of("POOR_HOUSEHOLD")));
        Component proofReceived = component("giay-xac-nhan-khuyet-tat", ComponentState.RECEIVED, null);
        Component proofSubstituted = component("giay-xac-nhan-khuyet-tat", ComponentState.SUBSTITUTED, "POPULATION_REGISTER");
        Component proofExpected = component("giay-xac-nhan-khuyet-tat", ComponentState.EXPECTED, null);
        return Stream.of(
                Arguments.of("register confirms the claim", claimsPoor, confirmedPoor, List.of(), 0L),
                Arguments.of("claim without register evidence", claimsPoor, Map.of(), List.of(), 20_000L),
                Arguments.of("register evidence without a claim", Map.of(), confirmedPoor, List.of(), 20_000L),
                Arguments.of("claim proven by an uploaded component", claimsDisability, Map.of(), List.of(proofReceived), 0L),
                Arguments.of("claim proven by a substituted component", claimsDisability, Map.of(), List.of(proofSubstituted), 0L),
                Arguments.of("proof component not received", claimsDisability, Map.of(), List.of(proofExpected), 20_000L),
                Arguments.of("odd claims are ignored", Map.of("categories", List.of(42, "lower", Map.of())), confirmedPoor,
                        List.of(proofReceived), 20_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exemptionPaths")
    void exemptionsProvenByRegisterOrComponents(String name, Map<String, Object> form, Map<String, Object> attributes,
            List<Component> components, long expected) {
        FeeRequest request = FeeAssessment.requestFor(dossier("x", Channel.COUNTER, form, attributes), components);
        assertEquals(expected, FeeCalculator.calculate(FeeSchedule.of(EXEMPTABLE), request).total());
    }

    @Test
    void copiesComeFromTheFormAndOddValuesMeanOne() {
        assertEquals(3, FeeAssessment.requestFor(dossier("x", Channel.ONLINE, Map.of("copies", 3), Map.of()), List.of()).copies());
        assertEquals(1, FeeAssessment.requestFor(dossier("x", Channel.ONLINE, Map.of("copies", "many"), Map.of()), List.of()).copies());
        assertEquals(1, FeeAssessment.requestFor(dossier("x", Channel.ONLINE, Map.of("copies", -4), Map.of()), List.of()).copies());
    }

    @Test
    void theStoredBreakdownExplainsEveryLine() {
        FeeSchedule schedule = ProcedureCatalog.bundled().byCode("1.004222").orElseThrow().feeSchedule();
        Map<String, Object> stored = FeeAssessment.toMap(FeeCalculator.calculate(schedule,
                FeeAssessment.requestFor(dossier("1.004222", Channel.ONLINE, Map.of(), Map.of()), List.of())));
        assertEquals(10_000L, stored.get("total"));
        @SuppressWarnings("unchecked")
        Map<String, Object> line = ((List<Map<String, Object>>) stored.get("lines")).get(0);
        assertEquals(20_000L, line.get("baseAmount"));
        assertEquals(Set.of("kind", "amountDelta", "reason", "legalBasis"),
                ((List<Map<String, Object>>) line.get("adjustments")).get(0).keySet());
    }
}
