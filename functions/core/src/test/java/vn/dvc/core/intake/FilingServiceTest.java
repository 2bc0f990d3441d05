package vn.dvc.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dvc.core.catalog.DocumentComponent;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.documents.StoredDocument;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;
import vn.dvc.core.validation.CompletenessCheck;

/** Filing rules without engines: alternative cases, once-only reuse, idempotent replays. */
class FilingServiceTest {
    static final String RESIDENCE = "1.004222"; // đăng ký thường trú: six alternative cases in the national record
    static final String BIRTH = "1.001193";
    static final String PID = "001090000001";

    final FakeStore store = new FakeStore();
    final ApplicantKeys keys = new ApplicantKeys("unit-test-secret-unit-test-secret-0001");
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
    final UploadUrls urls = (key, type, max, validity) ->
            new UploadUrls.UploadUrl("https://uploads.test/" + key, "PUT", type, max, clock.instant().plus(validity));
    final ProcedureCatalog catalog = ProcedureCatalog.bundled();
    final ProcedureSource procedures = new ProcedureSource() {
        @Override
        public Optional<Procedure> current(String code) {
            return catalog.byCode(code);
        }

        @Override
        public Optional<Procedure> version(String code, int version) {
            return catalog.byCode(code).filter(p -> p.version() == version);
        }
    };
    final FilingService filing = new FilingService(store, procedures, urls, store, keys, clock);
    final Caller citizen = new Caller(Role.CITIZEN, "citizen-1", PID, null, null);

    private static Map<String, Object> residenceForm() {
        return Map.of("newResidence", Map.of("provinceCode", "01", "communeCode", "00004", "detail", "Số 1 phố Điện Biên Phủ"));
    }

    private Map<String, Object> residenceFiling(String caseGroup, List<String> uploads) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", RESIDENCE);
        body.put("communeCode", "00004");
        body.put("applicant", Map.of("fullName", "Nguyễn Văn An", "dateOfBirth", "1990-05-12", "phone", "0912345678"));
        body.put("form", residenceForm());
        if (caseGroup != null) {
            body.put("caseGroup", caseGroup);
        }
        body.put("components", uploads.stream().map(c -> Map.of("component", c, "contentType", "application/pdf")).toList());
        return body;
    }

    private FilingService.Result file(Caller caller, String key, Map<String, Object> body) {
        try {
            return file0(caller, key, body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FilingService.Result file0(Caller caller, String key, Map<String, Object> body)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        String raw = Json.write(body);
        return filing.file(caller, key, raw, Json.MAPPER.readTree(raw));
    }

    private static JsonNode json(FilingService.Result r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private Procedure residence() {
        return catalog.byCode(RESIDENCE).orElseThrow();
    }

    private static List<String> required(List<DocumentComponent> components) {
        return components.stream().filter(c -> Boolean.TRUE.equals(c.required())).map(DocumentComponent::code).toList();
    }

    // ---------------------------------------------------------------- alternative cases

    @Test
    void theCatalogListsAlternativeCasesForPermanentResidence() throws Exception {
        List<String> cases = CaseChoice.cases(residence());
        assertEquals(6, cases.size(), cases.toString());
        long requiredEverywhere = residence().components().stream().filter(c -> Boolean.TRUE.equals(c.required())).count();
        assertEquals(12, requiredEverywhere, "all cases together would ask for 12 uploads");
    }

    @Test
    void aDossierHoldsOnlyItsCaseAndCompletenessAsksOnlyForThatCasesRequiredComponents() throws Exception {
        String second = CaseChoice.cases(residence()).get(1);
        List<String> expectedRequired = required(CaseChoice.componentsOf(residence(), second));
        assertEquals(2, expectedRequired.size(), expectedRequired.toString());

        JsonNode filed = json(file(citizen, "case-choice-0001", residenceFiling(second, List.of(expectedRequired.get(0)))));
        String code = filed.path("code").asText();
        assertEquals(second, filed.path("caseGroup").asText());
        assertEquals(second, store.find(code).orElseThrow().attributes().get(CaseChoice.ATTRIBUTE));
        List<Component> components = store.components(code);
        assertTrue(components.stream().allMatch(c -> residence().components().stream()
                .anyMatch(d -> d.code().equals(c.code()) && (d.caseGroup() == null || d.caseGroup().equals(second)))),
                "no component of another case: " + components);
        // Nothing uploaded yet: completeness asks for this case's two required components, not all 12.
        List<String> missing = CompletenessCheck.missing(components).stream().map(CompletenessCheck.Missing::component).toList();
        assertEquals(expectedRequired, missing);
    }

    @Test
    void theCaseIsInferredFromTheDeclaredComponents() throws Exception {
        String third = CaseChoice.cases(residence()).get(2);
        String declaration = required(CaseChoice.componentsOf(residence(), third)).get(0);
        JsonNode filed = json(file(citizen, "case-choice-0002", residenceFiling(null, List.of(declaration))));
        assertEquals(third, filed.path("caseGroup").asText());
        List<String> missing = CompletenessCheck.missing(store.components(filed.path("code").asText())).stream()
                .map(CompletenessCheck.Missing::component).toList();
        assertEquals(required(CaseChoice.componentsOf(residence(), third)), missing);
        assertEquals(4, missing.size(), "the third case has four required components: " + missing);
    }

    @Test
    void noCaseMixedCasesUnknownCasesAndComponentsOfAnotherCaseAre422WithTheCasesListed() throws Exception {
        List<String> cases = CaseChoice.cases(residence());
        String first = required(CaseChoice.componentsOf(residence(), cases.get(0))).get(0);
        String fourth = required(CaseChoice.componentsOf(residence(), cases.get(3))).get(0);
        Map<String, String> expected = new LinkedHashMap<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        bodies.add(residenceFiling(null, List.of()));
        expected.put("0", "CASE_REQUIRED");
        bodies.add(residenceFiling(null, List.of(first, fourth)));
        expected.put("1", "CASES_MIXED");
        bodies.add(residenceFiling("* Trường hợp không có trong danh mục", List.of(first)));
        expected.put("2", "UNKNOWN_CASE");
        bodies.add(residenceFiling(cases.get(0), List.of(first, fourth)));
        expected.put("3", "NOT_IN_CASE");
        for (int i = 0; i < bodies.size(); i++) {
            Map<String, Object> body = bodies.get(i);
            ApiException e = assertThrows(ApiException.class, () -> file(citizen, "case-choice-bad-" + body.hashCode(), body));
            assertEquals(422, e.status());
            String code = expected.get(Integer.toString(i));
            assertTrue(e.details().stream().anyMatch(d -> code.equals(((Map<?, ?>) d).get("code"))), code + " in " + e.details());
        }
        assertTrue(store.dossiers.isEmpty(), "no partial dossier");
    }

    @Test
    void aProcedureWithOneCaseKeepsEveryComponent() throws Exception {
        Procedure birth = catalog.byCode(BIRTH).orElseThrow();
        assertTrue(CaseChoice.cases(birth).size() < 2);
        assertEquals(birth.components(), CaseChoice.componentsOf(birth, null));
    }

    @Test
    void aProcedureNotPublishedInTheApplicantsProvinceIs422() throws Exception {
        Procedure p = catalog.byCode(BIRTH).orElseThrow();
        // published by Hồ Chí Minh City (79) only; Ba Đình is in Hà Nội (01)
        Procedure hcmcOnly = new Procedure(p.code(), p.version(), p.name(), p.field(), p.level(), p.agencyKind(),
                p.processingTime(), p.onlineLevel(), p.components(), p.formSchema(), p.feeSchedule(), p.result(),
                p.legalBasis(), p.effectiveFrom(), p.effectiveTo(), List.of("79"), p.supplementClockPolicy(), p.sources(),
                p.unknowns());
        ProcedureSource only = new ProcedureSource() {
            @Override
            public Optional<Procedure> current(String code) {
                return Optional.of(hcmcOnly).filter(x -> x.code().equals(code));
            }

            @Override
            public Optional<Procedure> version(String code, int version) {
                return current(code);
            }
        };
        FilingService hcmc = new FilingService(store, only, urls, store, keys, clock);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", BIRTH);
        body.put("communeCode", "00004");
        String raw = Json.write(body);
        ApiException e = assertThrows(ApiException.class,
                () -> hcmc.file(citizen, "not-published-0001", raw, Json.MAPPER.readTree(raw)));
        assertEquals(422, e.status());
        assertEquals("PROCEDURE_NOT_PUBLISHED", e.code());
        assertTrue(store.dossiers.isEmpty());
    }

    // ---------------------------------------------------------------- once-only reuse

    @Test
    void aStoredDocumentOfTheSameTypeSatisfiesAComponentAndCountsAsReceived() throws Exception {
        String applicantKey = keys.keyOf(PID);
        StoredDocument declaration = new StoredDocument(StoredDocument.idFor("uploads/X/to-khai/1"), applicantKey,
                StoredDocument.typeOf("to-khai-dang-ky-khai-sinh"), "uploads/X/to-khai/1", "ab".repeat(32), 1234,
                "application/pdf", "X", "to-khai-dang-ky-khai-sinh", clock.instant().minus(Duration.ofDays(30)));
        store.documents.put(applicantKey, new LinkedHashMap<>(Map.of(declaration.id(), declaration)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", BIRTH);
        body.put("communeCode", "00004");
        body.put("applicant", Map.of("fullName", "Nguyễn Văn An", "dateOfBirth", "1990-05-12", "phone", "0912345678"));
        body.put("form", Map.of("relationshipToChild", "CHA", "child", Map.of("fullName", "Nguyễn Thị Bình",
                "dateOfBirth", "2026-11-01", "sex", "NU", "placeOfBirth", "Bệnh viện Phụ sản Hà Nội")));
        body.put("reuse", List.of(Map.of("component", "to-khai-dang-ky-khai-sinh", "documentId", declaration.id())));
        JsonNode filed = json(file(citizen, "reuse-0001", body));
        String code = filed.path("code").asText();
        assertEquals(0, filed.path("uploads").size(), "nothing to upload");
        assertEquals(declaration.id(), filed.path("reused").get(0).path("documentId").asText());
        // nothing to wait for: straight to validation, and completeness counts the stored document as received
        Dossier dossier = store.find(code).orElseThrow();
        assertEquals(DossierStatus.VALIDATING, dossier.status());
        Component reused = store.components(code).stream().filter(c -> c.code().equals("to-khai-dang-ky-khai-sinh"))
                .findFirst().orElseThrow();
        assertEquals(ComponentState.SUBSTITUTED, reused.state());
        assertEquals(declaration.sha256(), reused.sha256());
        assertEquals(List.of(), CompletenessCheck.missing(store.components(code)));

        // another citizen cannot use that id: it is not theirs (and looks like no document at all)
        Caller other = new Caller(Role.CITIZEN, "citizen-2", "001090000002", null, null);
        ApiException e = assertThrows(ApiException.class, () -> file(other, "reuse-0002", body));
        assertEquals(422, e.status());
        assertEquals("INVALID_REUSE", e.code());
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void aRetryWithTheSameBodyInAnotherKeyOrderGetsTheFirstAnswerAndAnotherBodyIs422() throws Exception {
        Map<String, Object> body = residenceFiling(CaseChoice.cases(residence()).get(0), List.of());
        FilingService.Result first = file(citizen, "retry-key-0001", body);
        Map<String, Object> reordered = new LinkedHashMap<>();
        List<String> keysReversed = new ArrayList<>(body.keySet());
        java.util.Collections.reverse(keysReversed);
        keysReversed.forEach(k -> reordered.put(k, body.get(k)));
        FilingService.Result again = filing.file(citizen, "retry-key-0001", "  " + Json.write(reordered) + "\n",
                Json.MAPPER.readTree(Json.write(reordered)));
        assertTrue(again.replayed());
        assertEquals(first.body(), again.body());
        assertEquals(1, store.dossiers.size());

        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("delivery", "POST");
        ApiException e = assertThrows(ApiException.class, () -> file(citizen, "retry-key-0001", other));
        assertEquals(422, e.status());
        assertEquals("IDEMPOTENCY_KEY_REUSED", e.code());
    }

    @Test
    void objectKeysCarryNoNameOrIdentificationNumber() throws Exception {
        String second = CaseChoice.cases(residence()).get(1);
        JsonNode filed = json(file(citizen, "keys-0001", residenceFiling(second,
                required(CaseChoice.componentsOf(residence(), second)))));
        for (Component c : store.components(filed.path("code").asText())) {
            if (c.objectKey() != null) {
                assertTrue(c.objectKey().matches("uploads/[A-Z0-9.]+-\\d{6}-\\d{4,7}/[a-z0-9-]+/[0-9a-f-]{36}"), c.objectKey());
                assertFalse(c.objectKey().contains(PID) || c.objectKey().contains("Nguy"), c.objectKey());
            }
        }
    }
}
