package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.processing.DynamoAccessAudit;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.processing.Acceptance;
import vn.dvc.core.security.Role;
import vn.dvc.local.LocalSuite;

/**
 * Issue 6 through the local HTTP API and the real handlers: every transition, illegal transitions (409, nothing
 * changed), concurrent decisions (exactly one wins), the authorization matrix of roles x processing routes x
 * own/foreign dossier (with the audit entry of a foreign official), the agency work queue (index query, due-date
 * order, paging), manual routing of split communes, result signing and public verification, and one dossier end
 * to end from filing to a verified result.
 *
 * <p>Dossiers that must start at ACCEPTED are written by {@link #acceptedDossier}: it creates the dossier through
 * {@link DynamoDossierStore#create} at AWAITING_PAYMENT and accepts it with {@link Acceptance#accept} applied
 * through {@link DynamoDossierStore#apply} — the same call the fee/payment step (issue 5) makes when it accepts —
 * so these tests do not depend on that step's timing.
 */
@ExtendWith(Suite.class)
class ProcessingIT {
    static final String AGENCY = "X00004.UBND";
    static final String OTHER_AGENCY = "X00070.UBND";
    static final String MARRIAGE = "1.000894";
    static final String APPLICANT_PID = "001090006666";

    static DynamoDossierStore store() {
        Suite.start();
        return new DynamoDossierStore(AwsClients.dynamo(), System.getProperty("DOSSIER_TABLE"));
    }

    /** A dossier of {@code agency} for marriage registration (5 working days), accepted at {@code acceptedAt}. */
    static String acceptedDossier(String agency, Instant acceptedAt, Map<String, Object> extraAttributes) {
        DynamoDossierStore store = store();
        Procedure procedure = ProcedureCatalog.bundled().byCode(MARRIAGE).orElseThrow();
        ApplicantKeys keys = new ApplicantKeys(LocalSuite.LOCAL_PARAMETERS.get("ApplicantKeySecret"));
        // A day of its own per test run keeps these codes clear of the counters real filings use today.
        LocalDate day = LocalDate.of(2025, 7, 1).plusDays(ThreadLocalRandom.current().nextInt(150));
        Instant now = Instant.now();
        List<Component> components = List.of(
                new Component("to-khai-dang-ky-ket-hon", true, ComponentState.RECEIVED, "uploads/none/to-khai-dang-ky-ket-hon/x",
                        "application/pdf", 1_000_000, "00", 10L, null, null, now),
                new Component("giay-to-tuy-than", true, ComponentState.SUBSTITUTED, null, null, 1_000_000, null, null,
                        "POPULATION", null, now));
        for (int attempt = 0; attempt < 20; attempt++) {
            long last = store.lastSequence(agency, day);
            String code = DossierCode.of(agency, day, last + 1).toString();
            String commune = agency.startsWith("X") ? agency.substring(1, 6) : "00004";
            Dossier d = new Dossier(code, procedure.code(), procedure.version(), DossierStatus.AWAITING_PAYMENT, 1, agency,
                    commune, "01", Channel.ONLINE, new Applicant(APPLICANT_PID, "Lê Văn Thử", LocalDate.of(1990, 1, 1), null, null),
                    keys.keyOf(APPLICANT_PID), new Actor(Role.CITIZEN, "citizen-processing-it", null), now, now, null, Map.of(),
                    extraAttributes);
            try {
                store.create(d, components, HistoryEvent.of(now, d.submittedBy(), "FILED", null, d.status()), last, null);
            } catch (DossierStore.SequenceTakenException e) {
                continue;
            }
            store.apply(Acceptance.standard().accept(store.find(code).orElseThrow(), components, procedure, 0, acceptedAt,
                    Actor.system("processing-it")));
            return code;
        }
        throw new AssertionError("no sequence number");
    }

    static String accepted() {
        return acceptedDossier(AGENCY, Instant.now(), Map.of());
    }

    static String official(String agency) {
        return Suite.api().token("OFFICIAL", null, agency, "01");
    }

    static Api.Response act(String code, String token, Map<String, Object> body) {
        return Suite.api().post("/dossiers/" + code + "/actions", token, body, Map.of());
    }

    static Map<String, Object> action(String name, Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", name);
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static List<String> actions(String code) {
        return store().history(code).stream().map(HistoryEvent::action).toList();
    }

    @Test
    void everyTransitionWithSlipsSignedResultAndVerification() throws Exception {
        Api api = Suite.api();
        String me = official(AGENCY);
        String code = accepted();
        JsonNode early = act(code, me, action("approve")).json();
        assertEquals(409, early.path("status").asInt(), "approve before take is illegal");
        assertEquals("ILLEGAL_TRANSITION", early.path("code").asText());

        Api.Response taken = act(code, me, action("take"));
        assertEquals(200, taken.status(), taken.body());
        assertEquals("IN_PROGRESS", taken.json().path("status").asText());
        assertFalse(taken.json().path("dueAt").isNull());
        assertEquals(code, taken.json().path("receipt").path("receiptNumber").asText());
        assertEquals(409, act(code, me, action("take")).status());

        Api.Response supplement = act(code, me, action("request-supplement", "reasons",
                List.of(Map.of("component", "to-khai-dang-ky-ket-hon", "reason", Map.of("vi", "Thiếu chữ ký", "en", "Signature missing")))));
        assertEquals(200, supplement.status(), supplement.body());
        assertEquals("SUPPLEMENT_REQUESTED", supplement.json().path("status").asText());
        assertFalse(supplement.json().path("pausedAt").isMissingNode());
        assertEquals(409, act(code, me, action("approve")).status());

        Api.Response resumed = act(code, me, action("resubmit"));
        assertEquals(200, resumed.status(), resumed.body());
        assertTrue(resumed.json().path("pausedAt").isMissingNode(), "clock running again");

        Api.Response approved = act(code, me, action("approve", "expectedVersion", resumed.json().path("version").asLong()));
        assertEquals(200, approved.status(), approved.body());
        JsonNode upload = approved.json().path("resultUpload");
        assertTrue(upload.path("url").asText().contains("results/" + code + "/"), upload.toString());

        byte[] result = (new String(Files.pdf(), java.nio.charset.StandardCharsets.ISO_8859_1) + " result " + code)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(200, api.upload(upload.path("url").asText(), "application/pdf", result));
        JsonNode issued = Api.await(() -> api.get("/dossiers/" + code + "/documents", me).json(),
                d -> d.path("status").asText().equals("RESULT_ISSUED"), Duration.ofSeconds(90));
        assertEquals(sha256(result), issued.path("result").path("sha256").asText());
        assertEquals("ECDSA_SHA_256", issued.path("result").path("algorithm").asText());
        assertTrue(issued.path("result").path("url").asText().startsWith("http"));

        JsonNode verified = api.get("/results/" + code + "/verify?sha256=" + sha256(result), null).json();
        assertTrue(verified.path("valid").asBoolean(), verified.toString());
        assertEquals("SIGNATURE_VALID", verified.path("reason").asText());
        JsonNode tampered = api.get("/results/" + code + "/verify?sha256=" + sha256("forged".getBytes()), null).json();
        assertFalse(tampered.path("valid").asBoolean());
        assertEquals("HASH_MISMATCH", tampered.path("reason").asText());

        Api.Response completed = act(code, me, action("complete", "handover", "COLLECTED"));
        assertEquals(200, completed.status(), completed.body());
        assertEquals("COMPLETED", completed.json().path("status").asText());
        assertEquals(409, act(code, me, action("refuse", "reason", "x")).status());
        assertEquals(List.of("FILED", "ACCEPTED", "TAKEN", "SUPPLEMENT_REQUESTED", "RESUBMITTED", "APPROVED",
                "RESULT_ISSUED", "COMPLETED"), actions(code));
    }

    @Test
    void refusalNeedsAReasonAndLeavesASlip() {
        String me = official(AGENCY);
        String code = accepted();
        long version = store().find(code).orElseThrow().version();
        Api.Response missing = act(code, me, action("refuse"));
        assertEquals(422, missing.status());
        assertEquals(version, store().find(code).orElseThrow().version(), "a refused request changes nothing");
        Api.Response refused = act(code, me, action("refuse", "reason", Map.of("vi", "Không đủ điều kiện", "en", "Not eligible")));
        assertEquals(200, refused.status(), refused.body());
        assertEquals("REFUSED", refused.json().path("status").asText());
        assertEquals(code + "-TC", refused.json().path("refusalSlip").path("number").asText());
        assertEquals("Không đủ điều kiện", store().history(code).getLast().reason().vi());
        for (String a : List.of("take", "approve", "resubmit", "complete", "transfer", "request-supplement")) {
            assertEquals(409, act(code, me, action(a, "reason", "x", "toAgencyId", OTHER_AGENCY,
                    "reasons", List.of(Map.of("component", "giay-to-tuy-than", "reason", "x")))).status(), a);
        }
        assertEquals(version + 1, store().find(code).orElseThrow().version());
    }

    @Test
    void transferMovesTheDossierToTheOtherAgencysQueue() {
        Api api = Suite.api();
        String code = accepted();
        assertEquals(422, act(code, official(AGENCY), action("transfer", "toAgencyId", "T01.STP", "reason", "x")).status());
        Api.Response moved = act(code, official(AGENCY), action("transfer", "toAgencyId", OTHER_AGENCY, "reason", "Cư trú tại phường khác"));
        assertEquals(200, moved.status(), moved.body());
        assertEquals(OTHER_AGENCY, moved.json().path("agencyId").asText());
        assertTrue(codes(api.get("/agencies/" + OTHER_AGENCY + "/dossiers?status=ACCEPTED&limit=100", official(OTHER_AGENCY))).contains(code));
        assertFalse(codes(api.get("/agencies/" + AGENCY + "/dossiers?status=ACCEPTED&limit=100", official(AGENCY))).contains(code));
        assertEquals(403, act(code, official(AGENCY), action("take")).status(), "the former agency has no say any more");
        assertEquals(200, act(code, official(OTHER_AGENCY), action("take")).status());
    }

    static List<String> codes(Api.Response page) {
        assertEquals(200, page.status(), page.body());
        List<String> codes = new ArrayList<>();
        page.json().path("items").forEach(i -> codes.add(i.path("code").asText()));
        return codes;
    }

    @Test
    void exactlyOneOfConcurrentDecisionsWins() throws Exception {
        String code = accepted();
        int officials = 8;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < officials; i++) {
            tokens.add(official(AGENCY));
        }
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(officials);
        for (int i = 0; i < officials; i++) {
            int n = i;
            pool.submit(() -> {
                start.await();
                // half take, half refuse: different decisions racing on the same version
                var body = n % 2 == 0 ? action("take") : action("refuse", "reason", "Trùng hồ sơ");
                statuses.merge(act(code, tokens.get(n), body).status(), 1, Integer::sum);
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        System.out.println("concurrent decisions on one dossier: " + statuses);
        assertEquals(1, statuses.getOrDefault(200, 0), statuses.toString());
        assertEquals(officials - 1, statuses.getOrDefault(409, 0), statuses.toString());
        assertEquals(3, actions(code).size(), "FILED, ACCEPTED and exactly one decision: " + actions(code));
    }

    @Test
    void authorizationMatrixOfRolesRoutesAndOwnOrForeignDossiers() {
        Api api = Suite.api();
        String code = accepted();
        long version = store().find(code).orElseThrow().version();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("official of the agency", official(AGENCY));
        callers.put("official of another agency", official(OTHER_AGENCY));
        callers.put("supervisor of the province", api.token("SUPERVISOR", null, null, "01"));
        callers.put("supervisor of another province", api.token("SUPERVISOR", null, null, "79"));
        callers.put("the applicant", api.citizen(APPLICANT_PID));
        callers.put("assistant", api.token("ASSISTANT", null, "X00004.TTPVHCC", "01"));
        callers.put("operator", api.token("OPERATOR", null, null, null));
        callers.put("anonymous", null);
        // expected status per caller, in the order above
        Map<String, int[]> expected = new LinkedHashMap<>();
        expected.put("GET /agencies/" + AGENCY + "/dossiers", new int[] {200, 403, 200, 403, 403, 403, 403, 401});
        expected.put("GET /dossiers/" + code + "/documents", new int[] {200, 403, 200, 403, 403, 403, 403, 401});
        // result-upload on an ACCEPTED dossier: only the own official reaches the state machine (409, nothing changes)
        expected.put("POST /dossiers/" + code + "/actions", new int[] {409, 403, 403, 403, 403, 403, 403, 401});
        expected.put("GET /provinces/01/routing-queue", new int[] {200, 200, 200, 403, 403, 403, 403, 401});
        expected.put("GET /results/" + code + "/verify?sha256=" + "0".repeat(64), new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (var route : expected.entrySet()) {
            String method = route.getKey().substring(0, route.getKey().indexOf(' '));
            String path = route.getKey().substring(method.length() + 1);
            int i = 0;
            for (var caller : callers.entrySet()) {
                String body = method.equals("POST") ? "{\"action\":\"result-upload\"}" : null;
                Api.Response r = api.send(method, path, caller.getValue(), body, Map.of());
                int want = route.getValue()[i++];
                checked++;
                if (r.status() != want) {
                    mismatches.add(route.getKey() + " as " + caller.getKey() + ": " + r.status() + " (want " + want + ") " + r.body());
                }
                if (r.body() != null && r.body().contains(APPLICANT_PID)) {
                    mismatches.add(route.getKey() + " as " + caller.getKey() + " leaked the personal id");
                }
            }
        }
        System.out.println("processing authorization matrix: " + checked + " requests, " + mismatches.size() + " mismatches");
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        assertEquals(version, store().find(code).orElseThrow().version(), "no caller changed the dossier");
        var audit = new DynamoAccessAudit(AwsClients.dynamo(), System.getProperty("DOSSIER_TABLE")).entries(code);
        assertEquals(2, audit.size(), "the foreign official's read and action are audited: " + audit);
        assertTrue(audit.stream().allMatch(a -> a.get("actor").m().get("agencyId").s().equals(OTHER_AGENCY)));
    }

    @Test
    void workQueueIsOrderedByDueDateFilteredAndPaged() {
        Api api = Suite.api();
        String agency = "X00190.UBND";
        String token = official(agency);
        Instant base = Instant.parse("2025-10-06T02:00:00Z");
        String late = acceptedDossier(agency, base.plus(Duration.ofDays(14)), Map.of());
        String early = acceptedDossier(agency, base, Map.of());
        String middle = acceptedDossier(agency, base.plus(Duration.ofDays(7)), Map.of());
        List<String> all = codes(api.get("/agencies/" + agency + "/dossiers?status=ACCEPTED&limit=100", token));
        List<String> ours = all.stream().filter(c -> Set.of(early, middle, late).contains(c)).toList();
        assertEquals(List.of(early, middle, late), ours, "earliest due first");
        List<String> dueSoon = codes(api.get("/agencies/" + agency + "/dossiers?status=ACCEPTED&dueBefore=2025-10-21&limit=100", token));
        assertTrue(dueSoon.contains(early) && dueSoon.contains(middle) && !dueSoon.contains(late), dueSoon.toString());
        Api.Response first = api.get("/agencies/" + agency + "/dossiers?status=ACCEPTED&limit=1", token);
        String cursor = first.json().path("nextCursor").asText();
        assertFalse(cursor.isEmpty());
        List<String> second = codes(api.get("/agencies/" + agency + "/dossiers?status=ACCEPTED&limit=1&cursor=" + cursor, token));
        assertEquals(1, second.size());
        assertFalse(codes(first).equals(second));
        assertEquals(400, api.get("/agencies/" + agency + "/dossiers?status=NOPE", token).status());
        assertEquals(400, api.get("/agencies/" + agency + "/dossiers?cursor=garbage", token).status());
    }

    @Test
    void splitCommuneDossierWaitsInTheProvinceQueueUntilRouted() {
        Api api = Suite.api();
        String centre = "T01.TTPVHCC";
        String code = acceptedDossier(centre, Instant.now(),
                Map.of("routingQueue", "MANUAL", "routingCandidates", List.of("00004", "00070", "00190", "00226")));
        String supervisor = api.token("SUPERVISOR", null, null, "01");
        assertTrue(codes(api.get("/provinces/01/routing-queue?limit=100", supervisor)).contains(code));
        assertEquals(422, act(code, official(centre), action("transfer", "toAgencyId", "X00097.UBND", "reason", "x")).status(),
                "not one of the candidate communes");
        Api.Response routed = act(code, official(centre), action("transfer", "toAgencyId", OTHER_AGENCY, "reason", "Địa chỉ thuộc phường mới"));
        assertEquals(200, routed.status(), routed.body());
        assertEquals(OTHER_AGENCY, routed.json().path("agencyId").asText());
        assertFalse(codes(api.get("/provinces/01/routing-queue?limit=100", supervisor)).contains(code));
        assertEquals("ROUTED", actions(code).getLast());
    }

    /**
     * End to end over HTTP: filed by the citizen -> documents uploaded -> validated -> accepted with a due date ->
     * taken -> supplement requested -> resubmitted -> approved -> result uploaded, signed -> verified -> completed.
     * Acceptance: if the fee/payment step (issue 5) has not accepted the dossier, the test accepts it the way that
     * step does ({@link Acceptance#accept} through the store), from whichever pre-acceptance status it reached.
     */
    @Test
    void endToEndFromFilingToAVerifiedResult() throws Exception {
        Api api = Suite.api();
        String citizen = api.citizen("001090000001");
        Api.Response filed = api.post("/dossiers", citizen, WalkingSkeletonIT.birthFiling(), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, filed.status(), filed.body());
        String code = filed.json().path("code").asText();
        assertEquals(200, api.upload(filed.json().path("uploads").get(0).path("url").asText(), "application/pdf", Files.pdf()));
        Set<String> ready = Set.of("VALIDATED", "AWAITING_PAYMENT", "ACCEPTED");
        Api.await(() -> api.get("/dossiers/" + code, citizen).json(), d -> ready.contains(d.path("status").asText()),
                Duration.ofSeconds(90));
        acceptIfNeeded(code);
        JsonNode accepted = api.get("/dossiers/" + code, citizen).json();
        assertEquals("ACCEPTED", accepted.path("status").asText());
        assertFalse(accepted.path("dueAt").asText().isEmpty(), "accepted with a due date");

        String me = official(AGENCY);
        assertEquals(200, act(code, me, action("take")).status());
        assertEquals(200, act(code, me, action("request-supplement", "reasons",
                List.of(Map.of("component", "to-khai-dang-ky-khai-sinh", "reason", "Bản khai mờ, đề nghị tải lại")))).status());
        assertEquals("SUPPLEMENT_REQUESTED", api.get("/dossiers/" + code, citizen).json().path("status").asText());
        assertEquals(200, act(code, me, action("resubmit")).status());
        Api.Response approved = act(code, me, action("approve"));
        assertEquals(200, approved.status(), approved.body());
        byte[] result = Files.pdf();
        assertEquals(200, api.upload(approved.json().path("resultUpload").path("url").asText(), "application/pdf", result));
        Api.await(() -> api.get("/dossiers/" + code, citizen).json(), d -> d.path("status").asText().equals("RESULT_ISSUED"),
                Duration.ofSeconds(90));
        JsonNode verified = api.get("/results/" + code + "/verify?sha256=" + sha256(result), null).json();
        assertTrue(verified.path("valid").asBoolean(), verified.toString());
        assertEquals(200, act(code, me, action("complete")).status());
        List<String> timeline = new ArrayList<>();
        api.get("/dossiers/" + code + "/history", citizen).json().path("history").forEach(e -> timeline.add(e.path("action").asText()));
        System.out.println("end to end timeline: " + timeline);
        assertEquals(List.of("TAKEN", "SUPPLEMENT_REQUESTED", "RESUBMITTED", "APPROVED", "RESULT_ISSUED", "COMPLETED"),
                timeline.subList(timeline.indexOf("ACCEPTED") + 1, timeline.size()));
    }

    /** Accepts a validated or payment-pending dossier as the fee/payment step does (retrying if that step moves first). */
    static void acceptIfNeeded(String code) {
        DynamoDossierStore store = store();
        for (int attempt = 0; attempt < 20; attempt++) {
            Dossier d = store.find(code).orElseThrow();
            if (d.status() == DossierStatus.ACCEPTED) {
                return;
            }
            try {
                Procedure p = ProcedureCatalog.bundled().byCode(d.procedureCode()).orElseThrow();
                store.apply(Acceptance.standard().accept(d, store.components(code), p, 0, Instant.now(), Actor.system("processing-it")));
                return;
            } catch (DossierStore.ConcurrentChangeException e) {
                // the fee step moved first: read again
            }
        }
        throw new AssertionError("could not accept " + code);
    }
}
