package vn.dvc.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dvc.core.fees.FeeLine;

class ProcedureCatalogTest {

    private static final Set<String> CIVIL_STATUS = Set.of("1.001193", "1.000656", "1.000894");

    @Test
    void bundledSeedLoadsLazilyAndQuickly() throws Exception {
        // Other tests in this JVM may have loaded the bundled catalog already, so time a fresh parse of the
        // same resource too: the first one pays Jackson's class loading, the later ones show the warm cost.
        long start = System.nanoTime();
        ProcedureCatalog catalog = ProcedureCatalog.bundled();
        long bundledMs = (System.nanoTime() - start) / 1_000_000;
        long[] parseMs = new long[3];
        for (int i = 0; i < parseMs.length; i++) {
            start = System.nanoTime();
            try (var in = ProcedureCatalog.class.getResourceAsStream(ProcedureCatalog.BUNDLED_RESOURCE)) {
                assertEquals(25, ProcedureCatalog.read(in).all().size());
            }
            parseMs[i] = (System.nanoTime() - start) / 1_000_000;
        }
        System.out.printf("ProcedureCatalog: %d procedures; bundled() %d ms; fresh parses %d / %d / %d ms%n",
                catalog.all().size(), bundledMs, parseMs[0], parseMs[1], parseMs[2]);
        assertEquals(25, catalog.all().size());
    }

    @Test
    void byCodeFindsRealRecordsAndNothingForUnknownCodes() {
        ProcedureCatalog catalog = ProcedureCatalog.bundled();
        Procedure residence = catalog.byCode("1.004222").orElseThrow();
        assertEquals("Đăng ký thường trú", residence.name().vi());
        assertEquals(HandlingLevel.COMMUNE, residence.level());
        assertEquals(new ProcessingTime(7, ProcessingTimeUnit.WORKING_DAYS, residence.processingTime().note()),
                residence.processingTime());
        assertTrue(residence.legalBasis().stream().anyMatch(b -> b.contains("Điều 22")));
        assertEquals(8, catalog.byCode("1.001456").orElseThrow().processingTime().value());
        assertTrue(catalog.byCode("9.999999").isEmpty());
        assertTrue(catalog.byCode(null).isEmpty());
    }

    @Test
    void everySeededProcedureIsAValidDocument() {
        for (Procedure procedure : ProcedureCatalog.bundled().all()) {
            List<FieldError> errors = ProcedureValidator.validate(procedure);
            assertTrue(errors.isEmpty(), procedure.code() + ": " + errors);
        }
    }

    @Test
    void everyNullOfTheSeedIsExplainedAndEveryProcedureCitesSources() {
        for (Procedure p : ProcedureCatalog.bundled().all()) {
            assertFalse(p.sources().isEmpty(), p.code());
            if (p.processingTime() == null) assertTrue(p.isUnknown("processingTime"), p.code());
            if (p.feeSchedule() == null) assertTrue(p.isUnknown("feeSchedule"), p.code());
            if (p.level() == null) assertTrue(p.isUnknown("level"), p.code());
            if (p.result() == null) assertTrue(p.isUnknown("result"), p.code());
            if (p.field() == null) assertTrue(p.isUnknown("field"), p.code());
            if (p.onlineLevel() == null) assertTrue(p.isUnknown("onlineLevel"), p.code());
            if (p.supplementClockPolicy() == null) assertTrue(p.isUnknown("supplementClockPolicy"), p.code());
        }
    }

    @Test
    void civilStatusProceduresAreCommuneLevelFreeAndIdCardsComeFromTheRegister() {
        for (String code : CIVIL_STATUS) {
            Procedure p = ProcedureCatalog.bundled().byCode(code).orElseThrow();
            assertEquals(HandlingLevel.COMMUNE, p.level(), code);
            assertEquals("PEOPLES_COMMITTEE", p.agencyKind(), code);
            assertTrue(p.legalBasis().stream().anyMatch(b -> b.contains("60/2014/QH13")), code);
            assertTrue(p.feeSchedule().lines().stream().allMatch(l -> l.amount() == 0
                    && l.legalBasis().contains("Điều 11")), code);
            assertTrue(p.components().stream().anyMatch(c -> c.substitutableBy() == DataSubstitute.POPULATION_REGISTER),
                    code);
        }
        // Only ID-card copies are marked as replaceable by the population register among the scraped records.
        Procedure passport = ProcedureCatalog.bundled().byCode("1.001471").orElseThrow();
        List<DocumentComponent> replaceable = passport.components().stream()
                .filter(c -> c.substitutableBy() == DataSubstitute.POPULATION_REGISTER).toList();
        assertEquals(1, replaceable.size());
        assertTrue(replaceable.get(0).name().vi().startsWith("Bản chụp Chứng minh nhân dân hoặc Thẻ căn cước"));
    }

    @Test
    void publicationDefaultsToAllProvincesAndCanBeRestricted() {
        ProcedureCatalog catalog = ProcedureCatalog.bundled();
        assertTrue(catalog.isPublishedIn("1.004222", "01"));
        assertFalse(catalog.isPublishedIn("9.999999", "01"));
        assertEquals(25, catalog.publishedIn("79").size());

        Procedure seed = catalog.byCode("1.004222").orElseThrow();
        Procedure hanoiOnlyV2 = withVersionAndProvinces(seed, 2, List.of("01"));
        ProcedureCatalog versioned = ProcedureCatalog.of(List.of(hanoiOnlyV2, seed));
        assertEquals(2, versioned.byCode("1.004222").orElseThrow().version(), "newest version wins");
        assertTrue(versioned.isPublishedIn("1.004222", "01"));
        assertFalse(versioned.isPublishedIn("1.004222", "79"));
        assertTrue(versioned.publishedIn("79").isEmpty());
    }

    @Test
    void jsonFormRoundTripsThroughTheCatalogReader() throws Exception {
        List<Procedure> seed = ProcedureCatalog.bundled().all();
        byte[] json = ProcedureCatalog.mapper().writeValueAsBytes(seed);
        ProcedureCatalog reread = ProcedureCatalog.read(new ByteArrayInputStream(json));
        assertEquals(seed, reread.all(), "the hand-written tree reader reads what databind writes");
        List<Procedure> viaDatabind = List.of(ProcedureCatalog.mapper().readValue(json, Procedure[].class));
        assertEquals(seed, viaDatabind, "databind (the API path) reads the same documents");
        JsonNode first = ProcedureCatalog.mapper().readTree(json).get(0);
        assertEquals("1.004222", first.get("code").asText());
        assertEquals("2023-02-05",
                first.at("/feeSchedule/lines/0/onlineReductions/0/validFrom").asText(), "dates are ISO strings");
    }

    /** Cross-check against the scraped records the seed was built from (read from the repository, not the jar). */
    @Test
    void seedMatchesTheScrapedNationalRecords() throws Exception {
        JsonNode records = ProcedureCatalog.mapper().readTree(Files.readAllBytes(findCatalogJson()));
        Map<String, JsonNode> byCode = new LinkedHashMap<>();
        records.forEach(r -> byCode.put(r.get("code").asText(), r));
        assertEquals(22, byCode.size());

        Set<String> seededScraped = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Procedure p : ProcedureCatalog.bundled().all()) {
            if (CIVIL_STATUS.contains(p.code())) {
                continue;
            }
            seededScraped.add(p.code());
            JsonNode record = byCode.get(p.code());
            if (record == null) {
                problems.add(p.code() + " is not in catalog.json");
                continue;
            }
            if (!record.get("name").asText().equals(p.name().vi())) {
                problems.add(p.code() + " name differs");
            }
            Set<Long> recordAmounts = new HashSet<>();
            record.get("fees").forEach(f -> { if (f.hasNonNull("amount_vnd")) recordAmounts.add(f.get("amount_vnd").asLong()); });
            if (p.feeSchedule() != null) {
                for (FeeLine line : p.feeSchedule().lines()) {
                    if (!recordAmounts.contains(line.amount())) {
                        problems.add(p.code() + " amount " + line.amount() + " not in record " + recordAmounts);
                    }
                    line.onlineReductions().forEach(r -> {
                        if (r.reducedAmount() != null && !recordAmounts.contains(r.reducedAmount())) {
                            problems.add(p.code() + " online amount " + r.reducedAmount() + " not in record");
                        }
                    });
                }
            }
            long documentRows = 0;
            for (JsonNode d : record.get("documents")) {
                if ("document".equals(d.get("kind").asText())) {
                    documentRows++;
                    String name = d.get("name").asText();
                    if (p.components().stream().noneMatch(c -> c.name().vi().equals(name))) {
                        problems.add(p.code() + " lost document " + name.substring(0, Math.min(40, name.length())));
                    }
                }
            }
            if (documentRows != p.components().size()) {
                problems.add(p.code() + " has " + p.components().size() + " components, record has " + documentRows);
            }
        }
        assertEquals(byCode.keySet(), seededScraped, "same 22 codes");
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private static Path findCatalogJson() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("data/procedures/catalog.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        fail("data/procedures/catalog.json not found above " + dir);
        return null;
    }

    private static Procedure withVersionAndProvinces(Procedure p, int version, List<String> provinces) {
        return new Procedure(p.code(), version, p.name(), p.field(), p.level(), p.agencyKind(), p.processingTime(),
                p.onlineLevel(), p.components(), p.formSchema(), p.feeSchedule(), p.result(), p.legalBasis(),
                p.effectiveFrom(), p.effectiveTo(), provinces, p.supplementClockPolicy(), p.sources(), p.unknowns());
    }

    @Test
    void readRejectsMalformedJson() {
        try {
            ProcedureCatalog.read(new ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)));
            fail("expected failure");
        } catch (java.io.UncheckedIOException expected) {
            assertNotNull(expected.getCause());
        }
    }
}
