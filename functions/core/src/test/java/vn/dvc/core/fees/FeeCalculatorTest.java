package vn.dvc.core.fees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.text.LocalizedText;

class FeeCalculatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final LocalDate TT75_IN_FORCE = LocalDate.of(2023, 2, 5);

    static Stream<Arguments> seededProcedures() {
        return Stream.of(
                // code, channel, filed on, expected total (amounts from SOURCES.md section 2)
                Arguments.of("1.004222", SubmissionChannel.COUNTER, TODAY, 20_000L),
                Arguments.of("1.004222", SubmissionChannel.ONLINE, TODAY, 10_000L),
                Arguments.of("1.004222", SubmissionChannel.POST, TODAY, 20_000L),
                Arguments.of("1.004222", SubmissionChannel.ONLINE, TT75_IN_FORCE, 10_000L),
                Arguments.of("1.004222", SubmissionChannel.ONLINE, TT75_IN_FORCE.minusDays(1), 20_000L),
                Arguments.of("1.004194", SubmissionChannel.COUNTER, TODAY, 15_000L),
                Arguments.of("1.004194", SubmissionChannel.ONLINE, TODAY, 7_000L),
                Arguments.of("1.002755", SubmissionChannel.ONLINE, TODAY, 7_000L),
                Arguments.of("1.001456", SubmissionChannel.COUNTER, TODAY, 200_000L),
                Arguments.of("1.001456", SubmissionChannel.ONLINE, TODAY, 200_000L),
                Arguments.of("1.001471", SubmissionChannel.POST, TODAY, 200_000L),
                Arguments.of("1.000894", SubmissionChannel.COUNTER, TODAY, 0L),
                Arguments.of("1.001193", SubmissionChannel.ONLINE, TODAY, 0L),
                Arguments.of("1.000656", SubmissionChannel.COUNTER, TODAY, 0L));
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @MethodSource("seededProcedures")
    void seededSchedulesGiveTheCitedAmounts(String code, SubmissionChannel channel, LocalDate filedOn, long expected) {
        FeeSchedule schedule = ProcedureCatalog.bundled().byCode(code).orElseThrow().feeSchedule();
        FeeBreakdown breakdown = FeeCalculator.calculate(schedule, FeeRequest.simple("01", channel, filedOn));
        assertEquals(expected, breakdown.total());
        long sum = breakdown.lines().stream().mapToLong(FeeBreakdownLine::amount).sum();
        assertEquals(expected, sum, "total is the sum of its lines");
    }

    @Test
    void onlineResidenceShowsTheReductionAndItsLegalBasis() {
        FeeSchedule schedule = ProcedureCatalog.bundled().byCode("1.004222").orElseThrow().feeSchedule();
        FeeBreakdownLine line = FeeCalculator.calculate(schedule,
                FeeRequest.simple("79", SubmissionChannel.ONLINE, TODAY)).lines().get(0);
        assertEquals(20_000, line.baseAmount());
        assertEquals(20_000, line.amountBeforeAdjustments());
        assertEquals(1, line.adjustments().size());
        FeeAdjustment reduction = line.adjustments().get(0);
        assertEquals(AdjustmentKind.ONLINE_REDUCTION, reduction.kind());
        assertEquals(-10_000, reduction.amountDelta());
        assertTrue(reduction.legalBasis().contains("75/2022/TT-BTC"));
    }

    @Test
    void unknownFeesHaveNoScheduleRatherThanAnEmptyOne() {
        // Căn cước records list a "Lệ phí" row with a blank amount: not free, unknown.
        assertEquals(null, ProcedureCatalog.bundled().byCode("2.001195").orElseThrow().feeSchedule());
    }

    // ---- synthetic schedules: every adjustment path ----

    private static FeeLine line(FeeBasis basis, long amount, int included, Map<String, Long> provinces,
            List<OnlineReduction> reductions, List<Exemption> exemptions) {
        return new FeeLine("x", LocalizedText.of("Lệ phí thử", "Test charge"), FeeKind.LE_PHI, basis, amount, included,
                provinces, reductions, exemptions, "Văn bản thử");
    }

    private static long total(FeeLine line, FeeRequest request) {
        return FeeCalculator.calculate(FeeSchedule.of(line), request).total();
    }

    private static FeeRequest request(String province, SubmissionChannel channel, int copies, LocalDate day,
            Set<CategoryClaim> claims, Set<String> components) {
        return new FeeRequest(province, channel, copies, day, claims, components);
    }

    @ParameterizedTest(name = "reduction window {0}..{1}, filed {2} -> {3}")
    @CsvSource({
            "2024-01-01, 2024-12-31, 2023-12-31, 10000",
            "2024-01-01, 2024-12-31, 2024-01-01, 5000",
            "2024-01-01, 2024-12-31, 2024-12-31, 5000",
            "2024-01-01, 2024-12-31, 2025-01-01, 10000",
            "2024-01-01,           , 2030-06-01, 5000"})
    void onlineReductionAppliesOnlyInsideItsWindow(LocalDate from, LocalDate to, LocalDate filed, long expected) {
        FeeLine fee = line(FeeBasis.PER_DOSSIER, 10_000, 0, null,
                List.of(OnlineReduction.toAmount(from, to, 5_000, "TT thử")), null);
        assertEquals(expected, total(fee, FeeRequest.simple("01", SubmissionChannel.ONLINE, filed)));
        assertEquals(10_000, total(fee, FeeRequest.simple("01", SubmissionChannel.COUNTER, filed)));
    }

    @Test
    void provinceLevelOverridesTheNationalDefaultOnlyInThatProvince() {
        FeeLine fee = line(FeeBasis.PER_DOSSIER, 50_000, 0, Map.of("01", 30_000L, "79", 60_000L), null, null);
        assertEquals(30_000, total(fee, FeeRequest.simple("01", SubmissionChannel.COUNTER, TODAY)));
        assertEquals(60_000, total(fee, FeeRequest.simple("79", SubmissionChannel.COUNTER, TODAY)));
        assertEquals(50_000, total(fee, FeeRequest.simple("48", SubmissionChannel.COUNTER, TODAY)));
        FeeBreakdownLine hanoi = FeeCalculator.calculate(FeeSchedule.of(fee),
                FeeRequest.simple("01", SubmissionChannel.COUNTER, TODAY)).lines().get(0);
        assertEquals(50_000, hanoi.amountBeforeAdjustments());
        assertEquals(AdjustmentKind.PROVINCE_LEVEL, hanoi.adjustments().get(0).kind());
        assertEquals(-20_000, hanoi.adjustments().get(0).amountDelta());
    }

    @ParameterizedTest(name = "{0} copies, {1} included -> {2} charged")
    @CsvSource({"1, 1, 0", "2, 1, 1", "5, 1, 4", "3, 0, 3", "1, 3, 0"})
    void perCopyChargesOnlyCopiesBeyondTheIncludedOnes(int copies, int included, long charged) {
        FeeLine fee = line(FeeBasis.PER_COPY, 3_000, included, null, null, null);
        FeeBreakdownLine computed = FeeCalculator.calculate(FeeSchedule.of(fee),
                request("01", SubmissionChannel.COUNTER, copies, TODAY, null, null)).lines().get(0);
        assertEquals(charged, computed.copiesCharged());
        assertEquals(charged * 3_000, computed.amount());
    }

    @Test
    void perDossierIgnoresTheNumberOfCopies() {
        FeeLine fee = line(FeeBasis.PER_DOSSIER, 8_000, 0, null, null, null);
        assertEquals(8_000, total(fee, request("01", SubmissionChannel.COUNTER, 4, TODAY, null, null)));
    }

    @ParameterizedTest(name = "{0} less {1}% -> {2}")
    @CsvSource({
            "7001, 50, 3500",  // 3500.5 off rounds HALF_UP to 3501
            "7000, 50, 3500",
            "15000, 30, 10500",
            "999, 33, 669",    // 329.67 off -> 330
            "1001, 10, 901",   // 100.1 off -> 100
            "5, 10, 4",        // 0.5 off -> 1
            "3, 100, 0"})
    void percentReductionRoundsHalfUpToWholeDong(long amount, int percent, long expected) {
        FeeLine fee = line(FeeBasis.PER_DOSSIER, amount, 0, null,
                List.of(OnlineReduction.byPercent(LocalDate.of(2020, 1, 1), null, percent, "TT thử")), null);
        assertEquals(expected, total(fee, FeeRequest.simple("01", SubmissionChannel.ONLINE, TODAY)));
    }

    @Test
    void percentIsTakenOffTheProvincialAmountAndTheBestReductionWins() {
        FeeLine fee = line(FeeBasis.PER_DOSSIER, 10_000, 0, Map.of("01", 20_000L),
                List.of(OnlineReduction.byPercent(LocalDate.of(2020, 1, 1), null, 10, "A"),
                        OnlineReduction.byPercent(LocalDate.of(2020, 1, 1), null, 25, "B")), null);
        FeeBreakdownLine computed = FeeCalculator.calculate(FeeSchedule.of(fee),
                FeeRequest.simple("01", SubmissionChannel.ONLINE, TODAY)).lines().get(0);
        assertEquals(15_000, computed.amount());
        assertEquals("B", computed.adjustments().get(1).legalBasis());
    }

    @Test
    void aReducedAmountAboveTheCurrentAmountNeverRaisesIt() {
        FeeLine fee = line(FeeBasis.PER_DOSSIER, 10_000, 0, Map.of("01", 4_000L),
                List.of(OnlineReduction.toAmount(LocalDate.of(2020, 1, 1), null, 5_000, "TT")), null);
        assertEquals(4_000, total(fee, FeeRequest.simple("01", SubmissionChannel.ONLINE, TODAY)));
    }

    static Stream<Arguments> exemptionProofs() {
        Exemption declared = new Exemption("CHILD", ProofKind.DECLARED, null, "Điều thử 1");
        Exemption byComponent = new Exemption("DISABILITY", ProofKind.COMPONENT, "giay-xac-nhan-khuyet-tat", "Điều thử 2");
        Exemption byRegister = new Exemption("POOR_HOUSEHOLD", ProofKind.REGISTER, null, "Điều thử 3");
        return Stream.of(
                Arguments.of(declared, Set.of(CategoryClaim.declared("CHILD")), Set.of(), 0L),
                Arguments.of(declared, Set.of(), Set.of(), 12_000L),
                Arguments.of(declared, Set.of(CategoryClaim.declared("ELDERLY")), Set.of(), 12_000L),
                Arguments.of(byComponent, Set.of(CategoryClaim.declared("DISABILITY")), Set.of(), 12_000L),
                Arguments.of(byComponent, Set.of(CategoryClaim.declared("DISABILITY")), Set.of("to-khai"), 12_000L),
                Arguments.of(byComponent, Set.of(CategoryClaim.declared("DISABILITY")), Set.of("giay-xac-nhan-khuyet-tat"), 0L),
                Arguments.of(byComponent, Set.of(), Set.of("giay-xac-nhan-khuyet-tat"), 12_000L),
                Arguments.of(byRegister, Set.of(CategoryClaim.declared("POOR_HOUSEHOLD")), Set.of(), 12_000L),
                Arguments.of(byRegister, Set.of(CategoryClaim.confirmedByRegister("POOR_HOUSEHOLD")), Set.of(), 0L),
                Arguments.of(byRegister, Set.of(CategoryClaim.confirmedByRegister("CHILD")), Set.of(), 12_000L));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("exemptionProofs")
    void exemptionAppliesOnlyWhenItsProofIsSatisfied(Exemption exemption, Set<CategoryClaim> claims,
            Set<String> received, long expected) {
        FeeLine fee = line(FeeBasis.PER_DOSSIER, 12_000, 0, null, null, List.of(exemption));
        FeeBreakdown breakdown = FeeCalculator.calculate(FeeSchedule.of(fee),
                request("01", SubmissionChannel.COUNTER, 1, TODAY, claims, received));
        assertEquals(expected, breakdown.total());
        if (expected == 0) {
            FeeAdjustment applied = breakdown.lines().get(0).adjustments().get(0);
            assertEquals(AdjustmentKind.EXEMPTION, applied.kind());
            assertEquals(-12_000, applied.amountDelta());
            assertEquals(exemption.legalBasis(), applied.legalBasis());
        }
    }

    @Test
    void exemptionComesAfterProvinceAndOnlineSteps() {
        FeeLine fee = line(FeeBasis.PER_COPY, 10_000, 1, Map.of("01", 12_000L),
                List.of(OnlineReduction.byPercent(LocalDate.of(2020, 1, 1), null, 50, "TT")),
                List.of(new Exemption("CHILD", ProofKind.DECLARED, null, "Điều")));
        FeeBreakdownLine computed = FeeCalculator.calculate(FeeSchedule.of(fee),
                request("01", SubmissionChannel.ONLINE, 3, TODAY, Set.of(CategoryClaim.declared("CHILD")), null))
                .lines().get(0);
        assertEquals(20_000, computed.amountBeforeAdjustments());
        assertEquals(List.of(4_000L, -12_000L, -12_000L),
                computed.adjustments().stream().map(FeeAdjustment::amountDelta).toList());
        assertEquals(0, computed.amount());
    }

    @Test
    void totalAddsLinesAndOverflowThrowsInsteadOfWrapping() {
        FeeLine a = new FeeLine("a", LocalizedText.of("A", "A"), FeeKind.PHI, FeeBasis.PER_DOSSIER, 1_500, 0,
                null, null, null, "x");
        FeeLine b = new FeeLine("b", LocalizedText.of("B", "B"), FeeKind.LE_PHI, FeeBasis.PER_COPY, 2_000, 0,
                null, null, null, "x");
        assertEquals(1_500 + 2 * 2_000, FeeCalculator.calculate(new FeeSchedule(List.of(a, b)),
                request("01", SubmissionChannel.COUNTER, 2, TODAY, null, null)).total());
        FeeLine huge = line(FeeBasis.PER_COPY, Long.MAX_VALUE / 2, 0, null, null, null);
        assertThrows(ArithmeticException.class, () -> total(huge,
                request("01", SubmissionChannel.COUNTER, 3, TODAY, null, null)));
    }

    @Test
    void reductionNeedsExactlyOneOfAmountOrPercent() {
        assertThrows(IllegalArgumentException.class,
                () -> new OnlineReduction(TODAY, null, 1_000L, 10, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new OnlineReduction(TODAY, null, null, null, "x"));
    }
}
