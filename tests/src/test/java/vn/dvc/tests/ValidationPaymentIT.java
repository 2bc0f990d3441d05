package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dvc.aws.catalog.CatalogProcedureSource;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.payment.DynamoOpenPayments;
import vn.dvc.aws.sqs.SqsBatch;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.json.Json;
import vn.dvc.core.payment.CallbackSignature;
import vn.dvc.core.payment.PaymentService;
import vn.dvc.core.register.CitizenRecord;
import vn.dvc.core.register.PopulationRegister;
import vn.dvc.core.validation.ValidationService;
import vn.dvc.local.DemoCitizens;
import vn.dvc.local.LocalSuite;
import vn.dvc.payment.PaymentSweeperHandler;
import vn.dvc.validation.ValidationWorkerHandler;

/**
 * Validation (completeness, form, population register), the fee step and online payment, through the local HTTP
 * API and the real handlers against the embedded engines.
 */
@ExtendWith(Suite.class)
class ValidationPaymentIT {
    static final String BIRTH = "1.001193";      // free
    static final String PASSPORT = "1.001456";   // 200,000 VND
    static final String BA_DINH = "00004";
    static final List<String> PASSPORT_COMPONENTS = List.of("to-khai-de-nghi-cap-ho", "to-khai-de-nghi-cap-ho-2", "anh-moi-chup-khong-qua-06");
    static final CallbackSignature GATEWAY = new CallbackSignature(LocalSuite.LOCAL_PARAMETERS.get("PaymentCallbackSecret"));

    private final Api api = Suite.api();

    private static DynamoDossierStore store() {
        return new DynamoDossierStore(Suite.suite().dynamo(), Suite.suite().names().tableName("DossierTable"));
    }

    private static Map<String, Object> applicant(String name, String born) {
        return Map.of("fullName", name, "dateOfBirth", born, "phone", "0912345678");
    }

    private static Map<String, Object> birthForm() {
        return Map.of("relationshipToChild", "CHA", "child", Map.of("fullName", "Nguyễn Thị Bình", "dateOfBirth", "2026-11-01",
                "sex", "NU", "placeOfBirth", "Bệnh viện Phụ sản Hà Nội"));
    }

    /** Files a dossier and uploads every declared component; returns its code. */
    private String fileAndUpload(String token, String procedure, Map<String, Object> applicant, Map<String, Object> form,
                                 List<String> components) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", procedure);
        body.put("communeCode", BA_DINH);
        body.put("channel", "ONLINE");
        body.put("applicant", applicant);
        body.put("form", form);
        body.put("components", components.stream().map(c -> Map.of("component", c, "contentType", "application/pdf")).toList());
        Api.Response filed = api.post("/dossiers", token, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, filed.status(), filed.body());
        for (JsonNode upload : filed.json().path("uploads")) {
            assertEquals(200, api.upload(upload.path("url").asText(), "application/pdf", Files.pdf()));
        }
        return filed.json().path("code").asText();
    }

    private JsonNode awaitStatus(String code, String token, String... statuses) {
        return Api.await(() -> api.get("/dossiers/" + code, token).json(),
                d -> List.of(statuses).contains(d.path("status").asText()), Duration.ofSeconds(40));
    }

    private static List<String> actions(JsonNode dossier) {
        List<String> actions = new ArrayList<>();
        dossier.path("history").forEach(e -> actions.add(e.path("action").asText()));
        return actions;
    }

    private static String component(JsonNode dossier, String code) {
        for (JsonNode c : dossier.path("components")) {
            if (c.path("component").asText().equals(code)) {
                return c.path("state").asText() + "/" + c.path("substitutedBy").asText();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- validation

    @Test
    void aCompleteFreeDossierIsValidatedWithRegisterEvidenceAndAccepted() {
        String token = api.citizen("001090000011");
        String code = fileAndUpload(token, BIRTH, applicant("nguyễn  văn AN", "1990-05-12"), birthForm(),
                List.of("to-khai-dang-ky-khai-sinh"));
        JsonNode dossier = awaitStatus(code, token, "ACCEPTED");
        assertEquals("SUBSTITUTED/POPULATION_REGISTER", component(dossier, "giay-to-tuy-than"));
        List<String> actions = actions(dossier);
        assertTrue(actions.containsAll(List.of("VALIDATED", "ACCEPTED")), actions.toString());
        assertFalse(dossier.path("dueAt").asText().isEmpty(), "accepted with its due date: " + dossier);

        Dossier stored = store().find(code).orElseThrow();
        Map<?, ?> evidence = (Map<?, ?>) stored.attributes().get("identityEvidence");
        assertEquals("POPULATION_REGISTER:table", evidence.get("source"));
        assertEquals(List.of("personalId", "fullName", "dateOfBirth", "residenceCommuneCode"), evidence.get("fieldsCompared"));
        assertTrue(evidence.get("responseSha256").toString().matches("[0-9a-f]{64}"));
        assertNotNull(stored.attributes().get("acceptedAt"));

        JsonNode fee = api.get("/dossiers/" + code + "/payments", token).json();
        assertEquals(0, fee.path("feeTotal").asLong());
        assertEquals("NONE_DUE", fee.path("feeStatus").asText());
        Api.Response pay = api.post("/dossiers/" + code + "/payments", token, Map.of(), Map.of());
        assertEquals(409, pay.status(), pay.body());
        assertEquals("NOT_AWAITING_PAYMENT", pay.json().path("code").asText());
    }

    @Test
    void aMissingComponentBecomesAReasonPerComponent() {
        // Odd form data never gets this far: intake checks the procedure's JSON Schema and answers 422 listing every
        // failing field (IntakeIT.oddFormDataIs422WithEveryFailingFieldAndNoDossier). Valid form, no upload declared:
        // nothing to wait for, so the dossier goes straight to validation, which names the missing component.
        String token = api.citizen("001090000012");
        String code = fileAndUpload(token, BIRTH, applicant("Nguyễn Văn An", "1990-05-12"), birthForm(), List.of());
        JsonNode dossier = awaitStatus(code, token, "NEEDS_SUPPLEMENT");
        JsonNode event = dossier.path("history").get(dossier.path("history").size() - 1);
        assertEquals("SUPPLEMENT_NEEDED", event.path("action").asText());
        List<String> components = new ArrayList<>();
        event.path("details").path("missing").forEach(m -> {
            components.add(m.path("component").asText() + (m.has("field") ? ":" + m.path("field").asText() : ""));
            assertTrue(m.path("reason").has("vi") && m.path("reason").has("en"));
        });
        assertEquals(List.of("to-khai-dang-ky-khai-sinh"), components, "one reason, for the one missing component");
        // the identity matched: the register's component is substituted even though another one is missing
        assertEquals("MATCH", event.path("details").path("identity").path("outcome").asText());
        assertEquals("SUBSTITUTED/POPULATION_REGISTER", component(dossier, "giay-to-tuy-than"));
    }

    @Test
    void aRegisterMismatchNamesTheFieldsButNeverTheirValues() {
        String token = api.citizen("001091000001");
        // the register holds "Trần Thị Bích Ngọc": without diacritics it is another name
        String code = fileAndUpload(token, BIRTH, applicant("Tran Thi Bich Ngoc", "1985-02-28"), birthForm(),
                List.of("to-khai-dang-ky-khai-sinh"));
        JsonNode dossier = awaitStatus(code, token, "NEEDS_SUPPLEMENT");
        assertEquals("EXPECTED/POPULATION_REGISTER", component(dossier, "giay-to-tuy-than"));
        JsonNode event = dossier.path("history").get(dossier.path("history").size() - 1);
        assertEquals(List.of("fullName"), Json.MAPPER.convertValue(event.path("details").path("identity").path("mismatched"), List.class));
        JsonNode reason = event.path("details").path("missing").get(0);
        assertEquals("giay-to-tuy-than", reason.path("component").asText());
        assertEquals("fullName", reason.path("field").asText());
        assertTrue(!event.toString().contains("Tran Thi") && !event.toString().contains("Trần Thị"), "no names in the audit trail");
        assertEquals(null, store().find(code).orElseThrow().attributes().get("identityEvidence"));
    }

    @Test
    void aRegisterOutageReturnsTheMessageAndChangesNothingUntilTheRegisterAnswers() {
        // 001091000099 is the table adapter's outage marker: the live worker keeps failing on it, like a real outage
        String token = api.citizen("001091000099");
        String code = fileAndUpload(token, BIRTH, applicant("Hoàng Văn Sự Cố", "1999-09-09"), birthForm(),
                List.of("to-khai-dang-ky-khai-sinh"));
        awaitStatus(code, token, "VALIDATING");
        Dossier before = store().find(code).orElseThrow();

        CitizenRecord healthy = DemoCitizens.list().stream().map(DemoCitizens.Seeded::citizen)
                .filter(c -> c.personalId().equals("001091000099")).findFirst().orElseThrow();
        AtomicInteger calls = new AtomicInteger();
        PopulationRegister flaky = new PopulationRegister() {
            @Override
            public String source() {
                return "POPULATION_REGISTER:test";
            }

            @Override
            public Optional<CitizenRecord> lookup(String personalId) {
                if (calls.incrementAndGet() <= 2) {
                    throw new RegisterUnavailableException("register down (test)");
                }
                return Optional.of(healthy);
            }
        };
        ValidationWorkerHandler worker = new ValidationWorkerHandler(new ValidationService(store(),
                CatalogProcedureSource.bundled(), flaky, Clock.systemUTC()), new SqsBatch(null));
        SQSEvent event = sqs(code, before.version());
        for (int attempt = 1; attempt <= 2; attempt++) {
            SQSBatchResponse response = worker.handleRequest(event, null);
            assertEquals(1, response.getBatchItemFailures().size(), "the message returns to the queue");
            Dossier unchanged = store().find(code).orElseThrow();
            assertEquals(before.version(), unchanged.version());
            assertEquals("VALIDATING", unchanged.status().name());
        }
        assertEquals(0, worker.handleRequest(event, null).getBatchItemFailures().size());
        JsonNode dossier = awaitStatus(code, token, "ACCEPTED");
        assertEquals("SUBSTITUTED/POPULATION_REGISTER", component(dossier, "giay-to-tuy-than"));
        assertEquals(List.of("FILED", "DOCUMENT_RECEIVED", "VALIDATED"), actions(dossier).subList(0, 3));
        System.out.println("register outage: " + calls.get() + " register calls, 2 returned to the queue, then validated");
    }

    private static SQSEvent sqs(String code, long version) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(UUID.randomUUID().toString());
        m.setBody(Json.write(Map.of("type", "DossierStatusChanged", "dossierCode", code, "to", "VALIDATING", "version", version)));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    // ---------------------------------------------------------------- payment

    private Api.Response callback(String txn, String status, long amount, long timestamp, String signature) {
        String raw = Json.write(Map.of("transactionRef", txn, "status", status, "amount", amount, "gatewayReference", "GW-" + UUID.randomUUID()));
        String sig = signature != null ? signature : GATEWAY.sign(timestamp, raw);
        return api.send("POST", "/payments/callback", null, raw, Map.of("X-Timestamp", Long.toString(timestamp), "X-Signature", sig));
    }

    private Api.Response callback(String txn, String status, long amount) {
        return callback(txn, status, amount, Instant.now().getEpochSecond(), null);
    }

    @Test
    void theWholePaymentFlowWithForgedDuplicateOutOfOrderAndParallelCallbacks() throws Exception {
        String token = api.citizen("001090000021");
        String code = fileAndUpload(token, PASSPORT, applicant("Nguyễn Văn An", "1990-05-12"), Map.of(), PASSPORT_COMPONENTS);
        awaitStatus(code, token, "AWAITING_PAYMENT");
        JsonNode fee = api.get("/dossiers/" + code + "/payments", token).json();
        assertEquals(200_000, fee.path("feeTotal").asLong());
        assertEquals(200_000, fee.path("outstanding").asLong());
        assertTrue(fee.path("fee").path("lines").get(0).path("legalBasis").asText().length() > 0);

        // only the applicant may pay; everyone else is told nothing
        assertEquals(404, api.post("/dossiers/" + code + "/payments", api.citizen("001090000098"), Map.of(), Map.of()).status());
        Api.Response created = api.post("/dossiers/" + code + "/payments", token, Map.of(), Map.of());
        assertEquals(201, created.status(), created.body());
        String txn = created.json().path("transactionRef").asText();
        assertEquals(200_000, created.json().path("amount").asLong());
        Api.Response again = api.post("/dossiers/" + code + "/payments", token, Map.of(), Map.of());
        assertEquals(200, again.status());
        assertEquals(txn, again.json().path("transactionRef").asText());

        long version = store().find(code).orElseThrow().version();
        long now = Instant.now().getEpochSecond();
        assertEquals(401, callback(txn, "PAID", 200_000, now, "0".repeat(64)).status());
        assertEquals(401, callback(txn, "PAID", 200_000, now - 301, null).status());
        assertEquals(401, callback(txn, "PAID", 200_000, now, GATEWAY.sign(now, "{\"replayed\":true}")).status());
        assertEquals(version, store().find(code).orElseThrow().version(), "a forged callback changes nothing");

        assertEquals("AMOUNT_MISMATCH", callback(txn, "PAID", 20_000).json().path("outcome").asText());
        assertEquals("FAILED", callback(txn, "FAILED", 200_000).json().path("outcome").asText());
        assertEquals("AWAITING_PAYMENT", store().find(code).orElseThrow().status().name());

        // the gateway then reports the same transaction paid, eight times at once
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> callback(txn, "PAID", 200_000).json().path("outcome").asText());
        }
        List<String> outcomes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Future<String> f : pool.invokeAll(calls)) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        System.out.printf("8 parallel PAID callbacks settled in %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, outcomes);
        assertEquals(1, outcomes.stream().filter("PAID"::equals).count(), outcomes.toString());
        assertEquals(7, outcomes.stream().filter("DUPLICATE"::equals).count(), outcomes.toString());

        assertEquals("LATE_FAILURE_IGNORED", callback(txn, "FAILED", 200_000).json().path("outcome").asText());
        JsonNode history = api.get("/dossiers/" + code + "/payments", token).json();
        assertEquals("ACCEPTED", history.path("status").asText());
        assertFalse(api.get("/dossiers/" + code, token).json().path("dueAt").asText().isEmpty(),
                "paid in full: accepted with its due date in the same write");
        assertEquals(200_000, history.path("paidAmount").asLong());
        assertEquals(0, history.path("outstanding").asLong());
        JsonNode payment = history.path("payments").get(0);
        assertEquals("PAID", payment.path("status").asText());
        assertEquals("BL-" + code + "-1", payment.path("receiptNumber").asText());
        assertEquals(history.path("receiptNumber").asText(), payment.path("receiptNumber").asText());
        List<String> anomalies = new ArrayList<>();
        payment.path("anomalies").forEach(a -> anomalies.add(a.path("kind").asText()));
        assertEquals(1, anomalies.stream().filter("AMOUNT_MISMATCH"::equals).count(), anomalies.toString());
        assertEquals(7, anomalies.stream().filter("DUPLICATE"::equals).count(), anomalies.toString());
        assertTrue(anomalies.contains("LATE_FAILURE_AFTER_PAID"), anomalies.toString());
        assertEquals(409, api.post("/dossiers/" + code + "/payments", token, Map.of(), Map.of()).status());
        assertNotNull(store().find(code).orElseThrow().attributes().get("acceptedAt"));
        assertEquals(null, store().find(code).orElseThrow().attributes().get("gsi4pk"), "no open request left in the sweep index");
    }

    @Test
    void theSweepExpiresUnpaidRequestsAndANewRequestFollows() {
        String token = api.citizen("001090000023");
        String code = fileAndUpload(token, PASSPORT, applicant("Nguyễn Văn An", "1990-05-12"), Map.of(), PASSPORT_COMPONENTS);
        awaitStatus(code, token, "AWAITING_PAYMENT");
        String first = api.post("/dossiers/" + code + "/payments", token, Map.of(), Map.of()).json().path("transactionRef").asText();
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        var sweeper = new PaymentSweeperHandler(new PaymentService(store(), new ApplicantKeys(
                LocalSuite.LOCAL_PARAMETERS.get("ApplicantKeySecret")), later, Duration.ofMinutes(15)),
                new DynamoOpenPayments(Suite.suite().dynamo(), Suite.suite().names().tableName("DossierTable")), later);
        Map<String, Object> swept = sweeper.handleRequest(null, null);
        System.out.println("sweep: " + swept);
        assertTrue(((Number) swept.get("expired")).intValue() >= 1, swept.toString());
        JsonNode history = api.get("/dossiers/" + code + "/payments", token).json();
        assertEquals("EXPIRED", history.path("payments").get(0).path("status").asText());
        assertEquals(0, new PaymentService(store(), new ApplicantKeys(LocalSuite.LOCAL_PARAMETERS.get("ApplicantKeySecret")),
                later, Duration.ofMinutes(15)).expire(code), "a second sweep changes nothing");
        Api.Response second = api.post("/dossiers/" + code + "/payments", token, Map.of(), Map.of());
        assertEquals(201, second.status());
        assertTrue(!second.json().path("transactionRef").asText().equals(first));
    }

    // ---------------------------------------------------------------- end to end

    @Test
    void endToEndFileUploadValidateSeeTheFeePayThroughTheDevelopmentGatewayAccepted() {
        String token = api.citizen("001090000022");
        String code = fileAndUpload(token, PASSPORT, applicant("Nguyễn Văn An", "1990-05-12"), Map.of(), PASSPORT_COMPONENTS);
        awaitStatus(code, token, "AWAITING_PAYMENT");
        JsonNode fee = api.get("/dossiers/" + code + "/payments", token).json();
        assertEquals(200_000, fee.path("outstanding").asLong());
        String txn = api.post("/dossiers/" + code + "/payments", token, Map.of(), Map.of()).json().path("transactionRef").asText();
        Api.Response paid = api.post("/_local/payments/" + txn + "/pay", null, Map.of(), Map.of());
        assertEquals(200, paid.status(), paid.body());
        assertEquals("PAID", paid.json().path("outcome").asText());
        JsonNode dossier = awaitStatus(code, token, "ACCEPTED");
        assertTrue(actions(dossier).containsAll(List.of("VALIDATED", "FEE_CALCULATED", "PAYMENT_REQUESTED", "PAYMENT_PAID")),
                actions(dossier).toString());
    }
}
