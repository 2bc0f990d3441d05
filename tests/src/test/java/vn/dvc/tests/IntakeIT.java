package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Role;
import vn.dvc.local.Template;

/**
 * Intake and documents (issue 4) through the local HTTP API, the presigned S3 URLs and the real handlers against the
 * embedded engines: one dossier per tap whatever the retries, gap-free numbers, every bad file quarantined, S3
 * events idempotent, once-only reuse, assisted filing, withdrawal.
 */
@ExtendWith(Suite.class)
class IntakeIT {
    static final String BIRTH = "1.001193";
    static final String BA_DINH = "00004";
    static final String DECLARATION = "to-khai-dang-ky-khai-sinh";
    static final List<String> BIRTH_UPLOADS = List.of(DECLARATION, "giay-chung-sinh", "van-ban-nguoi-lam-chung",
            "giay-cam-doan-ve-viec-sinh");

    private final Api api = Suite.api();

    private static DynamoDossierStore store() {
        return new DynamoDossierStore(Suite.suite().dynamo(), Suite.suite().names().tableName("DossierTable"));
    }

    private static String bucket() {
        return Suite.suite().names().bucketName("DocumentBucket");
    }

    static Map<String, Object> birthFiling(String communeCode, List<String> uploads) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", BIRTH);
        body.put("communeCode", communeCode);
        body.put("channel", "ONLINE");
        body.put("applicant", Map.of("fullName", "Nguyễn Văn An", "dateOfBirth", "1990-05-12", "phone", "0912345678"));
        body.put("form", Map.of("relationshipToChild", "CHA", "child", Map.of("fullName", "Nguyễn Thị Bình",
                "dateOfBirth", "2026-11-01", "sex", "NU", "placeOfBirth", "Bệnh viện Phụ sản Hà Nội")));
        body.put("components", uploads.stream().map(c -> Map.of("component", c, "contentType", "application/pdf")).toList());
        return body;
    }

    private Api.Response file(String token, Object body) {
        return api.post("/dossiers", token, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    private JsonNode dossier(String code, String token) {
        Api.Response r = api.get("/dossiers/" + code, token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private JsonNode dossierIn(String code, String token, String language) {
        return api.send("GET", "/dossiers/" + code, token, null, Map.of("Accept-Language", language)).json();
    }

    private static JsonNode component(JsonNode dossier, String code) {
        for (JsonNode c : dossier.path("components")) {
            if (c.path("component").asText().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no component " + code + " in " + dossier);
    }

    private JsonNode awaitComponent(String code, String token, String component, String state) {
        return Api.await(() -> dossier(code, token), d -> component(d, component).path("state").asText().equals(state),
                Duration.ofSeconds(30));
    }

    private static String url(JsonNode filed, String component) {
        for (JsonNode u : filed.path("uploads")) {
            if (u.path("component").asText().equals(component)) {
                return u.path("url").asText();
            }
        }
        throw new AssertionError("no upload URL for " + component + " in " + filed);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<Dossier> dossiersOf(String personalId) {
        String key = new vn.dvc.core.dossier.ApplicantKeys(vn.dvc.local.LocalSuite.LOCAL_PARAMETERS.get("ApplicantKeySecret"))
                .keyOf(personalId);
        return store().byApplicant(key, 100, null).items();
    }

    // ---------------------------------------------------------------- idempotency and numbering

    /**
     * A filing as API Gateway hands it to intake-api (the sample event, with this caller, key and body), invoked on
     * the real handler in-process: many concurrent Lambda invocations without the local front door's thread pool
     * and HTTP timeouts in between (DynamoDB Local serialises writes per table, so a loaded CI machine is slow).
     */
    private static APIGatewayV2HTTPResponse invokeFiling(String pid, String subject, String key, String body) {
        try {
            var event = EventLoader.loadApiGatewayHttpEvent(
                    ContractIT.ROOT.resolve("events/intake-api/http-file-dossier.json").toString());
            Map<String, String> headers = new HashMap<>(event.getHeaders());
            headers.put("idempotency-key", key);
            event.setHeaders(headers);
            event.setBody(body);
            Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
            claims.put("sub", subject);
            claims.put("pid", pid);
            event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
            String intake = Suite.suite().template().functions().stream()
                    .filter(f -> f.handlerClass().contains("IntakeApiHandler")).findFirst().orElseThrow().logicalId();
            return (APIGatewayV2HTTPResponse) Suite.suite().functions().invoke(intake, event);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHundredConcurrentRetriesOfOneRequestCreateExactlyOneDossier() throws Exception {
        String pid = "001090000040";
        String subject = "citizen-retry-storm-" + UUID.randomUUID();
        String key = "retry-storm-" + UUID.randomUUID();
        String body = Json.write(birthFiling(BA_DINH, List.of(DECLARATION)));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return invokeFiling(pid, subject, key, body);
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        Set<String> codes = new HashSet<>();
        Set<String> bodies = new HashSet<>();
        int replayed = 0;
        for (Future<APIGatewayV2HTTPResponse> f : futures) {
            APIGatewayV2HTTPResponse r = f.get();
            assertEquals(201, r.getStatusCode(), r.getBody());
            codes.add(Json.tree(r.getBody()).path("code").asText());
            bodies.add(r.getBody());
            if (r.getHeaders() != null && "true".equals(r.getHeaders().get("idempotent-replayed"))) {
                replayed++;
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        pool.shutdown();
        assertEquals(1, codes.size(), codes.toString());
        assertEquals(1, bodies.size(), "every retry gets the first response, byte for byte");
        assertEquals(99, replayed);
        assertEquals(1, dossiersOf(pid).size(), "exactly one dossier for the applicant");
        String code = codes.iterator().next();
        assertEquals(1, store().history(code).size(), "one FILED event");
        System.out.println("idempotency: 100 concurrent retries -> 1 dossier " + code + ", 99 replays, " + millis + " ms");

        // the same key with another body is refused (through the HTTP API too), and creates nothing
        String token = api.token("CITIZEN", pid, null, null);
        APIGatewayV2HTTPResponse other = invokeFiling(pid, subject, key, Json.write(birthFiling("00008", List.of(DECLARATION))));
        assertEquals(422, other.getStatusCode(), other.getBody());
        assertEquals("IDEMPOTENCY_KEY_REUSED", Json.tree(other.getBody()).path("code").asText());
        assertEquals(1, dossiersOf(pid).size());
        Map<String, Object> httpBody = birthFiling(BA_DINH, List.of(DECLARATION));
        String httpKey = "http-retry-" + UUID.randomUUID();
        Api.Response first = api.post("/dossiers", token, httpBody, Map.of("Idempotency-Key", httpKey));
        Api.Response retry = api.post("/dossiers", token, httpBody, Map.of("Idempotency-Key", httpKey));
        assertEquals(201, first.status(), first.body());
        assertEquals(201, retry.status(), retry.body());
        assertEquals(first.body(), retry.body());
        assertEquals("true", retry.headers().get("idempotent-replayed"));
        assertEquals(2, dossiersOf(pid).size());
    }

    @Test
    void concurrentFilingsForOneAgencyGetGapFreeSequenceNumbers() throws Exception {
        String pid = "001090000041";
        // Ngọc Hà (00008): an agency no other test files to, so the day's numbers are all ours
        int n = 50;
        java.util.concurrent.atomic.AtomicInteger busyRetries = new java.util.concurrent.atomic.AtomicInteger();
        String body = Json.write(birthFiling("00008", List.of(DECLARATION)));
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                String subject = "citizen-" + UUID.randomUUID();
                String key = "gap-free-" + UUID.randomUUID();
                // as the app does: 503 BUSY (the agency counter stayed contended) is retried with the same key
                APIGatewayV2HTTPResponse r = invokeFiling(pid, subject, key, body);
                for (int attempt = 0; attempt < 20 && r.getStatusCode() == 503; attempt++) {
                    busyRetries.incrementAndGet();
                    Thread.sleep(50L * (attempt + 1));
                    r = invokeFiling(pid, subject, key, body);
                }
                return r;
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        TreeSet<Long> sequences = new TreeSet<>();
        String agency = null;
        LocalDate day = null;
        for (Future<APIGatewayV2HTTPResponse> f : futures) {
            APIGatewayV2HTTPResponse r = f.get();
            assertEquals(201, r.getStatusCode(), r.getBody());
            DossierCode code = DossierCode.parse(Json.tree(r.getBody()).path("code").asText()).orElseThrow();
            sequences.add(code.sequence());
            assertTrue(agency == null || agency.equals(code.agencyId()), "one agency");
            agency = code.agencyId();
            day = code.day();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        pool.shutdown();
        assertEquals(n, sequences.size(), "no number issued twice: " + sequences);
        assertEquals(n - 1, sequences.last() - sequences.first(), "no gap: " + sequences);
        assertEquals(sequences.last(), store().lastSequence(agency, day), "the counter stopped at the last number issued");
        for (long s = 1; s < sequences.first(); s++) {
            // numbers before ours (earlier filings for this agency today) are real dossiers too: no gap anywhere
            assertTrue(store().find(DossierCode.of(agency, day, s).toString()).isPresent(), "dossier number " + s);
        }
        assertEquals(n, dossiersOf(pid).size());
        System.out.println("sequences: " + n + " concurrent filings for " + agency + " -> " + sequences.first() + ".."
                + sequences.last() + " in " + millis + " ms (" + busyRetries.get() + " retries after 503 BUSY)");
    }

    // ---------------------------------------------------------------- end to end, documents

    @Test
    void endToEndFileUploadWithAPlainHttpClientAndSeeTheComponentReceived() throws Exception {
        String token = api.citizen("001090000042");
        Api.Response filed = file(token, birthFiling(BA_DINH, List.of(DECLARATION)));
        assertEquals(201, filed.status(), filed.body());
        String code = filed.json().path("code").asText();
        JsonNode upload = filed.json().path("uploads").get(0);
        assertEquals("PUT", upload.path("method").asText());
        assertEquals("application/pdf", upload.path("headers").path("Content-Type").asText());
        assertEquals(10L * 1024 * 1024, upload.path("maxBytes").asLong());
        assertTrue(java.time.Instant.parse(upload.path("expiresAt").asText()).isAfter(java.time.Instant.now()));

        byte[] pdf = Files.pdf();
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<Void> put = plain.send(HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, put.statusCode());

        JsonNode dossier = awaitComponent(code, token, DECLARATION, "RECEIVED");
        assertEquals(sha256(pdf), component(dossier, DECLARATION).path("sha256").asText());
        assertEquals(pdf.length, component(dossier, DECLARATION).path("sizeBytes").asLong());
        // every declared upload is in: the dossier moved on to validation (through the stream) and beyond
        JsonNode later = Api.await(() -> dossier(code, token), d -> !d.path("status").asText().equals("RECEIVED"),
                Duration.ofSeconds(30));
        assertNotEquals("RECEIVED", later.path("status").asText());
        List<String> actions = new ArrayList<>();
        later.path("history").forEach(e -> actions.add(e.path("action").asText()));
        assertEquals(List.of("FILED", "DOCUMENT_RECEIVED"), actions.subList(0, 2));
    }

    @Test
    void eachBadFileIsQuarantinedWithAReasonInVietnameseAndEnglishAndAFreshUrlOnRequest() throws Exception {
        String token = api.citizen("001090000043");
        Api.Response filed = file(token, birthFiling(BA_DINH, BIRTH_UPLOADS));
        assertEquals(201, filed.status(), filed.body());
        String code = filed.json().path("code").asText();
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put(DECLARATION, Files.jpeg());                                            // a JPEG renamed .pdf
        bad.put("giay-chung-sinh", Files.of(10 * 1024 * 1024 + 1, (byte) 'x'));       // a PDF one byte too large
        bad.put("van-ban-nguoi-lam-chung", "GIF89a not what it claims".getBytes(StandardCharsets.US_ASCII)); // unknown
        bad.put("giay-cam-doan-ve-viec-sinh", new byte[0]);                           // empty
        Map<String, String> keys = new LinkedHashMap<>();
        for (Component c : store().components(code)) {
            keys.put(c.code(), c.objectKey());
        }
        for (var e : bad.entrySet()) {
            assertEquals(200, api.upload(url(filed.json(), e.getKey()), "application/pdf", e.getValue()), e.getKey());
        }
        Map<String, String> expected = Map.of(DECLARATION, "JPEG", "giay-chung-sinh", "10 MB",
                "van-ban-nguoi-lam-chung", "PDF, JPEG", "giay-cam-doan-ve-viec-sinh", "empty");
        JsonNode en = null;
        for (String component : bad.keySet()) {
            awaitComponent(code, token, component, "QUARANTINED");
        }
        en = dossierIn(code, token, "en");
        JsonNode vi = dossierIn(code, token, "vi");
        for (String component : bad.keySet()) {
            String reasonEn = component(en, component).path("reason").asText();
            String reasonVi = component(vi, component).path("reason").asText();
            assertTrue(reasonEn.contains(expected.get(component)), component + ": " + reasonEn);
            assertFalse(reasonVi.isBlank() || reasonVi.equals(reasonEn), component + ": " + reasonVi);
            // moved under quarantine/, gone from uploads/
            String key = keys.get(component);
            assertTrue(exists("quarantine/" + key.substring("uploads/".length())), "quarantined " + key);
            assertFalse(exists(key), "removed from uploads/ " + key);
        }
        assertEquals("RECEIVED", en.path("status").asText(), "nothing moves on with bad files");

        // a fresh URL for the declaration (a new object key), then a good file: received
        Api.Response fresh = api.post("/dossiers/" + code + "/documents", token,
                Map.of("components", List.of(Map.of("component", DECLARATION, "contentType", "application/pdf"))), Map.of());
        assertEquals(200, fresh.status(), fresh.body());
        String newKey = store().components(code).stream().filter(c -> c.code().equals(DECLARATION)).findFirst()
                .orElseThrow().objectKey();
        assertNotEquals(keys.get(DECLARATION), newKey);
        assertEquals(200, api.upload(url(fresh.json(), DECLARATION), "application/pdf", Files.pdf()));
        awaitComponent(code, token, DECLARATION, "RECEIVED");

        // unknown components are refused, with the component named
        Api.Response unknown = api.post("/dossiers/" + code + "/documents", token,
                Map.of("components", List.of(Map.of("component", "khong-co", "contentType", "application/pdf"))), Map.of());
        assertEquals(422, unknown.status(), unknown.body());
        assertEquals("khong-co", unknown.json().path("details").get(0).path("component").asText());
        // a stranger is told the dossier does not exist
        Api.Response stranger = api.post("/dossiers/" + code + "/documents", api.citizen("001090000044"),
                Map.of("components", List.of(Map.of("component", DECLARATION, "contentType", "application/pdf"))), Map.of());
        assertEquals(404, stranger.status(), stranger.body());
    }

    private static boolean exists(String key) {
        try {
            AwsClients.s3().headObject(b -> b.bucket(bucket()).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** An S3 ObjectCreated event for one key, built from the sample event the processor's replay test uses. */
    private static S3Event s3Event(String key) throws Exception {
        Path sample = ContractIT.ROOT.resolve("events/document-processor/s3-upload-good-pdf.json");
        JsonNode tree = Json.tree(java.nio.file.Files.readString(sample));
        String text = java.nio.file.Files.readString(sample)
                .replace(tree.path("Records").get(0).path("s3").path("object").path("key").asText(), key)
                .replace(tree.path("Records").get(0).path("s3").path("bucket").path("name").asText(), bucket());
        Path tmp = java.nio.file.Files.createTempFile("s3-event", ".json");
        java.nio.file.Files.writeString(tmp, text);
        try {
            return EventLoader.loadS3Event(tmp.toString());
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    private static String processorId() {
        return Suite.suite().template().functions().stream()
                .filter(f -> f.handlerClass().contains("DocumentProcessorHandler")).findFirst().orElseThrow().logicalId();
    }

    @Test
    void duplicateAndOutOfOrderS3EventsChangeNothing() throws Exception {
        String token = api.citizen("001090000045");
        // two uploads declared, one sent: the dossier waits in RECEIVED, so nothing else moves it meanwhile
        Api.Response filed = file(token, birthFiling(BA_DINH, List.of(DECLARATION, "giay-chung-sinh")));
        String code = filed.json().path("code").asText();
        assertEquals(200, api.upload(url(filed.json(), DECLARATION), "application/pdf", Files.pdf()));
        awaitComponent(code, token, DECLARATION, "RECEIVED");
        String receivedKey = store().components(code).stream().filter(c -> c.code().equals(DECLARATION)).findFirst()
                .orElseThrow().objectKey();

        // a fresh URL for the second component; then S3 delivers an event for its old (superseded) key, late
        String oldKey = store().components(code).stream().filter(c -> c.code().equals("giay-chung-sinh")).findFirst()
                .orElseThrow().objectKey();
        assertEquals(200, api.post("/dossiers/" + code + "/documents", token,
                List.of(Map.of("component", "giay-chung-sinh", "contentType", "application/pdf")), Map.of()).status());

        Dossier before = store().find(code).orElseThrow();
        List<Component> componentsBefore = store().components(code);
        List<HistoryEvent> historyBefore = store().history(code);
        var functions = Suite.suite().functions();
        assertEquals("DUPLICATE", functions.invoke(processorId(), s3Event(receivedKey)));
        assertEquals("DUPLICATE", functions.invoke(processorId(), s3Event(receivedKey)));
        assertEquals("SUPERSEDED", functions.invoke(processorId(), s3Event(oldKey)));
        assertEquals("UNKNOWN_KEY", functions.invoke(processorId(),
                s3Event("uploads/X00004.UBND-000101-9999/" + DECLARATION + "/" + UUID.randomUUID())));
        Dossier after = store().find(code).orElseThrow();
        assertEquals(before.version(), after.version());
        assertEquals(before.status(), after.status());
        assertEquals(componentsBefore, store().components(code));
        assertEquals(historyBefore.size(), store().history(code).size());
    }

    // ---------------------------------------------------------------- once-only reuse

    @Test
    void aStoredDocumentSatisfiesAComponentOfANewDossier() throws Exception {
        String pid = "001090000046";
        String token = api.citizen(pid);
        Api.Response first = file(token, birthFiling(BA_DINH, List.of(DECLARATION)));
        String firstCode = first.json().path("code").asText();
        byte[] pdf = Files.pdf();
        assertEquals(200, api.upload(url(first.json(), DECLARATION), "application/pdf", pdf));
        awaitComponent(firstCode, token, DECLARATION, "RECEIVED");

        JsonNode mine = api.get("/me/documents", token).json();
        JsonNode stored = null;
        for (JsonNode d : mine.path("items")) {
            if (d.path("sourceDossier").asText().equals(firstCode)) {
                stored = d;
            }
        }
        assertTrue(stored != null, "the accepted upload is in the citizen's store: " + mine);
        assertEquals(DECLARATION, stored.path("documentType").asText());
        assertEquals("DOCUMENT", stored.path("kind").asText());
        assertEquals(sha256(pdf), stored.path("sha256").asText());
        assertFalse(mine.toString().contains(pid), "no identification number in the listing");

        // a new dossier reuses it instead of uploading: nothing to upload, the component counts as received
        Map<String, Object> body = birthFiling(BA_DINH, List.of());
        body.put("reuse", List.of(Map.of("component", DECLARATION, "documentId", stored.path("documentId").asText())));
        Api.Response second = file(token, body);
        assertEquals(201, second.status(), second.body());
        assertEquals(0, second.json().path("uploads").size());
        String code = second.json().path("code").asText();
        JsonNode accepted = Api.await(() -> dossier(code, token), d -> d.path("status").asText().equals("ACCEPTED")
                || d.path("status").asText().equals("NEEDS_SUPPLEMENT"), Duration.ofSeconds(40));
        assertEquals("ACCEPTED", accepted.path("status").asText(), "complete with the stored document: " + accepted);
        assertEquals("SUBSTITUTED", component(accepted, DECLARATION).path("state").asText());
        assertEquals(sha256(pdf), component(accepted, DECLARATION).path("sha256").asText());

        // someone else cannot reuse it (and cannot tell it exists)
        Api.Response foreign = file(api.citizen("001090000047"), body);
        assertEquals(422, foreign.status(), foreign.body());
        assertEquals("STORED_DOCUMENT_NOT_FOUND", foreign.json().path("details").get(0).path("code").asText());

        // paging: one per page, a cursor to the next, bad paging is 400 in the error shape
        Api.Response page = api.get("/me/documents?limit=1", token);
        assertEquals(200, page.status(), page.body());
        assertEquals(1, page.json().path("items").size());
        Api.Response badLimit = api.get("/me/documents?limit=0", token);
        assertEquals(400, badLimit.status());
        assertEquals("BAD_LIMIT", badLimit.json().path("code").asText());
        Api.Response badCursor = api.get("/me/documents?cursor=%25%25", token);
        assertEquals(400, badCursor.status());
        assertEquals("BAD_CURSOR", badCursor.json().path("code").asText());
    }

    // ---------------------------------------------------------------- assisted filing

    @Test
    void anAssistantFilesForACitizenWhoSeesItInTheirOwnListAndTheAssistantSeesWhatItFiled() {
        String pid = "001090000048";
        String assistant = api.token("ASSISTANT", null, null, null);
        Map<String, Object> body = birthFiling(BA_DINH, List.of(DECLARATION));
        body.put("channel", "POST");
        body.put("applicant", Map.of("personalId", pid, "fullName", "Nguyễn Văn An", "dateOfBirth", "1990-05-12",
                "phone", "0912345678"));
        Api.Response filed = file(assistant, body);
        assertEquals(201, filed.status(), filed.body());
        String code = filed.json().path("code").asText();

        Dossier stored = store().find(code).orElseThrow();
        assertEquals(pid, stored.applicant().personalId());
        assertEquals(Role.ASSISTANT, stored.submittedBy().role());
        assertEquals("POST", stored.channel().name());

        String citizen = api.citizen(pid);
        JsonNode own = api.get("/dossiers", citizen).json();
        List<String> ownCodes = new ArrayList<>();
        own.path("items").forEach(i -> ownCodes.add(i.path("code").asText()));
        assertTrue(ownCodes.contains(code), "the citizen sees it: " + ownCodes);
        assertEquals(200, api.get("/dossiers/" + code, citizen).status());

        JsonNode filedByMe = api.get("/dossiers?filedBy=me", assistant).json();
        List<String> filedCodes = new ArrayList<>();
        filedByMe.path("items").forEach(i -> filedCodes.add(i.path("code").asText()));
        assertEquals(List.of(code), filedCodes);
        assertEquals(200, api.get("/dossiers/" + code, assistant).status());
        // the assistant may upload for the citizen (fresh URLs)...
        assertEquals(200, api.post("/dossiers/" + code + "/documents", assistant,
                List.of(Map.of("component", DECLARATION, "contentType", "application/pdf")), Map.of()).status());
        // ...another assistant sees nothing
        String other = api.token("ASSISTANT", null, null, null);
        assertEquals(404, api.get("/dossiers/" + code, other).status());
        assertEquals(0, api.get("/dossiers?filedBy=me", other).json().path("items").size());
        // an assistant must name the applicant
        Map<String, Object> anonymous = birthFiling(BA_DINH, List.of(DECLARATION));
        Api.Response refused = file(assistant, anonymous);
        assertEquals(422, refused.status(), refused.body());
        assertEquals("applicant.personalId", refused.json().path("details").get(0).path("field").asText());
    }

    // ---------------------------------------------------------------- withdrawal

    @Test
    void aDossierIsWithdrawnBeforeADecisionAndNotAfter() {
        String token = api.citizen("001090000049");
        String code = file(token, birthFiling(BA_DINH, List.of(DECLARATION, "giay-chung-sinh"))).json().path("code").asText();
        Api.Response withdrawn = api.post("/dossiers/" + code + "/withdraw", token, Map.of(), Map.of());
        assertEquals(200, withdrawn.status(), withdrawn.body());
        assertEquals("WITHDRAWN", withdrawn.json().path("status").asText());
        long version = store().find(code).orElseThrow().version();
        Api.Response again = api.post("/dossiers/" + code + "/withdraw", token, Map.of(), Map.of());
        assertEquals(200, again.status(), "a retry answers the same");
        assertEquals(withdrawn.json().path("withdrawnAt"), again.json().path("withdrawnAt"));
        assertEquals(version, store().find(code).orElseThrow().version(), "and writes nothing");
        Api.Response documents = api.post("/dossiers/" + code + "/documents", token,
                List.of(Map.of("component", DECLARATION, "contentType", "application/pdf")), Map.of());
        assertEquals(409, documents.status(), documents.body());
        assertEquals("DOCUMENTS_CLOSED", documents.json().path("code").asText());

        // after a decision: 409 (the decision itself is the processing module's; written here through the store)
        String decided = file(token, birthFiling(BA_DINH, List.of(DECLARATION))).json().path("code").asText();
        Dossier d = store().find(decided).orElseThrow();
        store().apply(new DossierStore.Change(decided, d.version(), DossierStatus.REFUSED, Map.of(), List.of(),
                HistoryEvent.of(java.time.Instant.now(), vn.dvc.core.dossier.Actor.SYSTEM, "REFUSED", d.status(),
                        DossierStatus.REFUSED)));
        Api.Response late = api.post("/dossiers/" + decided + "/withdraw", token, Map.of(), Map.of());
        assertEquals(409, late.status(), late.body());
        assertEquals("WITHDRAWAL_NOT_ALLOWED", late.json().path("code").asText());
        assertEquals(404, api.post("/dossiers/" + decided + "/withdraw", api.citizen("001090000044"), Map.of(), Map.of()).status());
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badFilingsAreRefusedWithTheirReasonAndCreateNothing() {
        String pid = "001090000030";
        String token = api.citizen(pid);
        Api.Response noKey = api.post("/dossiers", token, birthFiling(BA_DINH, List.of(DECLARATION)), Map.of());
        assertEquals(400, noKey.status());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", noKey.json().path("code").asText());

        Map<String, Object> unknownProcedure = birthFiling(BA_DINH, List.of());
        unknownProcedure.put("procedureCode", "9.999999");
        assertEquals(404, file(token, unknownProcedure).status());

        Api.Response unknownComponent = file(token, birthFiling(BA_DINH, List.of(DECLARATION, "khong-co")));
        assertEquals(422, unknownComponent.status());
        assertEquals("UNKNOWN_COMPONENT", unknownComponent.json().path("details").get(0).path("code").asText());
        assertEquals("khong-co", unknownComponent.json().path("details").get(0).path("component").asText());

        // form data failing the schema: 422 naming every failing field, before any dossier exists
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("child", "not an object");
        odd.put("copies", "many");
        odd.put("surprise", List.of(1, Map.of("x", List.of())));
        Map<String, Object> oddFiling = birthFiling(BA_DINH, List.of(DECLARATION));
        oddFiling.put("form", odd);
        Api.Response form = file(token, oddFiling);
        assertEquals(422, form.status(), form.body());
        Set<String> fields = new TreeSet<>();
        form.json().path("details").forEach(p -> fields.add(p.path("field").asText()));
        assertTrue(fields.containsAll(List.of("form.child", "form.copies", "form.surprise", "form.relationshipToChild")),
                fields.toString());
        assertTrue(form.json().path("messages").path("vi").asText().length() > 0);

        assertEquals(List.of(), dossiersOf(pid), "no partial dossier");
    }

    @Test
    void objectKeysCarryNoPersonalDataAndOnlyTheProcessorMayReadUploads() {
        String pid = "001090000031";
        Api.Response filed = file(api.citizen(pid), birthFiling(BA_DINH, BIRTH_UPLOADS));
        String code = filed.json().path("code").asText();
        for (Component c : store().components(code)) {
            if (c.objectKey() != null) {
                assertTrue(c.objectKey().matches("uploads/" + java.util.regex.Pattern.quote(code) + "/[a-z0-9-]+/[0-9a-f-]{36}"),
                        c.objectKey());
                assertFalse(c.objectKey().contains(pid));
            }
        }
        for (JsonNode u : filed.json().path("uploads")) {
            String url = u.path("url").asText();
            assertFalse(url.contains(pid) || url.contains("Nguy") || url.contains("Nguy%E1%BB%85n"), url);
        }
        // the bucket policy: an explicit deny of reads under uploads/ for every principal but the processor (and the
        // officials' document viewer); TLS only; public access blocked; versions kept; encrypted
        Template template = Suite.suite().template();
        Map<String, Object> policy = template.properties("DocumentBucketPolicy");
        String text = Json.write(policy);
        assertTrue(text.contains("OnlyTheProcessorReadsUploads") && text.contains("ArnNotLike")
                && text.contains("DocumentProcessorFunctionRole") && text.contains("aws:SecureTransport"), text);
        Map<String, Object> bucket = template.properties("DocumentBucket");
        String bucketText = Json.write(bucket);
        assertTrue(bucketText.contains("\"RestrictPublicBuckets\":true") && bucketText.contains("\"Status\":\"Enabled\"")
                && bucketText.contains("SSEAlgorithm"), bucketText);
        // only the processor (and processing-api, for officials) has s3:GetObject on uploads/ in the template
        List<String> readers = new ArrayList<>();
        for (Template.FunctionSpec f : template.functions()) {
            String policies = Json.write(template.properties(f.logicalId()).get("Policies"));
            if (policies.contains("s3:GetObject") && policies.contains("/uploads/*")) {
                readers.add(f.logicalId());
            }
        }
        assertEquals(List.of("DocumentProcessorFunction", "ProcessingApiFunction"), readers.stream().sorted().toList());
    }
}
