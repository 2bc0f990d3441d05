package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.HistoryEvent;

/**
 * Issue 10, fault injection: complete dossier lives (filing -> upload -> document processor -> stream router ->
 * validation -> fee -> payment for paid procedures -> acceptance -> take -> approve -> signed result -> completed)
 * while {@link FaultInjector} throttles, fails with 5xx, times out or crashes a seeded share of the functions' AWS
 * calls. The driver behaves as real clients do: it retries a 5xx with the same Idempotency-Key, and reads the
 * dossier to decide its next step (an answer lost to a crash after the write shows as a 409 on the retry).
 *
 * <p>Afterwards, with faults off: every dossier is in a state the {@link DossierStatus} machine allows and every
 * recorded transition is one it allows, none lost or half-written (META version == number of EVENT items, events
 * 1..version without a gap, every received component's object exists), one filing per life, every payment counted
 * once, and whatever did not complete is explained by a dead-lettered message with a reason.
 *
 * <p>{@code -Dreliability.lives=N} (default 200), {@code -Dreliability.seed}, {@code -Dreliability.faultRate}.
 */
@ExtendWith(Suite.class)
class FaultsIT {
    static final int LIVES = Integer.getInteger("reliability.lives", 200);
    static final long SEED = Long.getLong("reliability.seed", 20261123L);
    static final double FAULT_RATE = Double.parseDouble(System.getProperty("reliability.faultRate", "0.05"));
    static final int PARALLEL = Integer.getInteger("reliability.parallel", 16);
    /** How long one life may take before it counts as stuck (generous: shared CI machines are slow). */
    static final int LIFE_SECONDS = Integer.getInteger("reliability.lifeSeconds", 300);
    static final String BIRTH = "1.001193";      // free
    static final String PASSPORT = "1.001456";   // 200,000 VND
    static final List<String> PASSPORT_COMPONENTS = List.of("to-khai-de-nghi-cap-ho", "to-khai-de-nghi-cap-ho-2", "anh-moi-chup-khong-qua-06");

    private final Api api = Suite.api().withoutContractCheck(); // injected faults may surface as 5xx, retried
    private final AtomicLong clientRetries = new AtomicLong();
    private final Map<String, String> officialTokens = new ConcurrentHashMap<>();

    record Life(String code, String procedure, String citizen, DossierStatus reached, List<String> notes) {
    }

    @AfterAll
    static void faultsOff() {
        FaultInjector.disable();
    }

    static DynamoDossierStore store() {
        return new DynamoDossierStore(AwsClients.dynamo(), Suite.suite().names().tableName("DossierTable"));
    }

    static String citizenId(int life) {
        return String.format("0010900000%02d", 50 + life % 40); // the register's synthetic block, clear of other tests' ids
    }

    @Test
    void dossierLivesUnderInjectedFaultsLoseNothingAndDoubleNothing() throws Exception {
        Map<String, Integer> dlqBefore = deadLetterCounts();
        Thread.sleep(2100); // dossiers are counted from the second before: keep earlier tests' filings out
        java.time.Instant startedAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        FaultInjector.enable(SEED, FAULT_RATE, 0.3);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<Life>> futures = new ArrayList<>();
        for (int i = 0; i < LIVES; i++) {
            int n = i;
            futures.add(pool.submit(() -> live(n)));
        }
        List<Life> lives = new ArrayList<>();
        for (Future<Life> f : futures) {
            lives.add(f.get());
        }
        pool.shutdown();
        long seconds = (System.nanoTime() - t0) / 1_000_000_000;
        FaultInjector.disable();
        Map<String, Long> injected = FaultInjector.injected();
        Thread.sleep(3000); // let retries in flight settle before the books are checked

        // ---- the books, with faults off
        DynamoDossierStore store = store();
        List<String> problems = new ArrayList<>();
        int completed = 0;
        int paid = 0;
        List<Life> unfinished = new ArrayList<>();
        for (Life life : lives) {
            if (life.code() == null) {
                problems.add("a filing never got a dossier code: " + life.notes());
                continue;
            }
            problems.addAll(checkBooks(store, life.code()));
            Dossier d = store.find(life.code()).orElseThrow();
            if (d.status() == DossierStatus.COMPLETED) {
                completed++;
            } else {
                unfinished.add(life);
            }
            if (life.procedure().equals(PASSPORT)) {
                String paidProblem = checkPaidOnce(life);
                if (paidProblem != null) {
                    problems.add(paidProblem);
                } else if (d.status() == DossierStatus.COMPLETED) {
                    paid++;
                }
            }
        }
        // one filing per life: the idempotency key held through 5xx retries and crashes after the write
        Map<String, Long> perCitizen = new HashMap<>();
        lives.forEach(l -> perCitizen.merge(l.citizen(), 1L, Long::sum));
        long filedDossiers = countDossiers(store, lives);
        if (filedDossiers != lives.size()) {
            problems.add("filings: " + lives.size() + " lives but " + filedDossiers + " dossiers carry their codes");
        }
        long createdDuringRun = dossiersCreatedSince(startedAt);
        if (createdDuringRun != lives.size()) {
            problems.add("filings: " + lives.size() + " lives but " + createdDuringRun + " dossiers created during the run"
                    + " (a retried filing made a second dossier?)");
        }
        List<String> deadLettered = deadLetters(dlqBefore, lives, unfinished, problems);
        System.out.printf("faults: %d lives in %d s (%d in parallel), %d completed, %d paid once; %d function AWS calls,"
                        + " injected %s; %d client retries; unfinished %s; dead-lettered %s%n",
                lives.size(), seconds, PARALLEL, completed, paid, FaultInjector.callsSeen(), injected, clientRetries.get(),
                unfinished.stream().map(l -> l.code() + "@" + l.reached() + l.notes()).toList(), deadLettered);

        Map<String, Object> byKind = new LinkedHashMap<>();
        Map<String, Object> byService = new LinkedHashMap<>();
        injected.forEach((k, v) -> (k.contains(":") ? byService : byKind).put(k, v));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("livesRun", lives.size());
        figures.put("livesCompleted", completed);
        figures.put("paidLives", paid);
        figures.put("faultsInjected", byKind.values().stream().mapToLong(v -> (Long) v).sum());
        figures.put("faultsByKind", byKind);
        figures.put("faultsByService", byService);
        figures.put("functionAwsCalls", FaultInjector.callsSeen());
        figures.put("clientRetries", clientRetries.get());
        figures.put("deadLettered", deadLettered.size());
        figures.put("seed", SEED);
        figures.put("faultRate", FAULT_RATE);
        figures.put("seconds", seconds);
        figures.put("dataLost", problems.size());
        Reliability.record("faults", figures);

        assertTrue(FaultInjector.callsSeen() > 0, "the fault injector saw no function call: is it registered"
                + " (tests/src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors)?");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(injected.values().stream().mapToLong(Long::longValue).sum() > 0, "faults were injected");
    }

    // ------------------------------------------------------------------ one life, driven like real clients

    Life live(int n) {
        return live(n, citizenId(n), Map.of("fullName", "Nguyễn Văn An", "dateOfBirth", "1990-05-12", "phone", "0912345678"));
    }

    /** One life of a free (even n) or paid (odd n) procedure, filed by citizen {@code pid} for {@code applicant}. */
    Life live(int n, String pid, Map<String, Object> applicant) {
        if (n % 1000 < PARALLEL) {
            sleep((n % 1000) * 300L); // the first wave arrives over a few seconds, not in one instant
        }
        String procedure = n % 2 == 0 ? BIRTH : PASSPORT;
        String citizen = api.citizen(pid);
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", procedure);
        body.put("communeCode", "00004");
        body.put("channel", "ONLINE");
        body.put("applicant", applicant);
        body.put("form", procedure.equals(BIRTH) ? WalkingSkeletonIT.birthFiling().get("form") : Map.of());
        List<String> components = procedure.equals(BIRTH) ? List.of("to-khai-dang-ky-khai-sinh") : PASSPORT_COMPONENTS;
        body.put("components", components.stream().map(c -> Map.of("component", c, "contentType", "application/pdf")).toList());
        String key = UUID.randomUUID().toString();
        Api.Response filed = retry(() -> api.post("/dossiers", citizen, body, Map.of("Idempotency-Key", key)));
        if (filed.status() != 201 && filed.status() != 200) {
            notes.add("filing " + filed.status());
            return new Life(null, procedure, pid, null, notes);
        }
        String code = filed.json().path("code").asText();
        for (JsonNode upload : filed.json().path("uploads")) {
            api.upload(upload.path("url").asText(), "application/pdf", Files.pdf());
        }
        DynamoDossierStore store = store();
        long deadline = System.nanoTime() + Duration.ofSeconds(LIFE_SECONDS).toNanos();
        long lastChange = System.nanoTime();
        long lastVersion = -1;
        String official = null;
        String officialAgency = null;
        while (System.nanoTime() < deadline) {
            Dossier d = store.find(code).orElseThrow();
            if (d.version() != lastVersion) {
                lastVersion = d.version();
                lastChange = System.nanoTime();
            }
            boolean quiet = System.nanoTime() - lastChange > Duration.ofSeconds(20).toNanos();
            if (!d.agencyId().equals(officialAgency)) {
                officialAgency = d.agencyId();
                official = officialTokens.computeIfAbsent(officialAgency, a -> api.token("OFFICIAL", null, a, "01"));
            }
            switch (d.status()) {
                case COMPLETED -> {
                    return new Life(code, procedure, pid, d.status(), notes);
                }
                case REFUSED, WITHDRAWN, NEEDS_SUPPLEMENT -> {
                    notes.add("ended " + d.status());
                    return new Life(code, procedure, pid, d.status(), notes);
                }
                case AWAITING_PAYMENT -> {
                    Api.Response request = retry(() -> api.post("/dossiers/" + code + "/payments", citizen, Map.of(), Map.of()));
                    if (request.status() == 200 || request.status() == 201) {
                        String txn = request.json().path("transactionRef").asText();
                        retry(() -> api.post("/_local/payments/" + txn + "/pay", null, Map.of(), Map.of()));
                    }
                }
                case ACCEPTED -> act(code, official, "take");
                case IN_PROGRESS -> {
                    Api.Response approved = act(code, official, "approve");
                    if (approved.status() == 200) {
                        api.upload(approved.json().path("resultUpload").path("url").asText(), "application/pdf", Files.pdf());
                    }
                }
                case APPROVED -> {
                    if (quiet) { // the approve answer was lost, or its upload event: ask for a new upload URL
                        Api.Response again = act(code, official, "result-upload");
                        if (again.status() == 200) {
                            api.upload(again.json().path("resultUpload").path("url").asText(), "application/pdf", Files.pdf());
                            notes.add("result re-uploaded");
                        }
                        lastChange = System.nanoTime();
                    }
                }
                case RESULT_ISSUED -> act(code, official, "complete");
                default -> { /* RECEIVED, VALIDATING, VALIDATED, SUPPLEMENT_REQUESTED: the pipeline's turn */ }
            }
            sleep(250); // a client polling its dossier; the pipeline does not wait for it
        }
        notes.add("timed out");
        return new Life(code, procedure, pid, store.find(code).orElseThrow().status(), notes);
    }

    private Api.Response act(String code, String token, String action) {
        return retry(() -> api.post("/dossiers/" + code + "/actions", token, Map.of("action", action), Map.of()));
    }

    /** A client retrying a 5xx (the front door's answer when a function fails), with a short backoff. */
    private Api.Response retry(Supplier<Api.Response> call) {
        Api.Response r = once(call);
        for (int attempt = 1; (r.status() >= 500 || r.body().contains("RETRY_IN_PROGRESS")) && attempt <= 8; attempt++) {
            clientRetries.incrementAndGet();
            sleep(100L * attempt);
            r = once(call);
        }
        return r;
    }

    /** One call; the client giving up after 30 s (API Gateway's integration limit) is its 504, to be retried. */
    private static Api.Response once(Supplier<Api.Response> call) {
        try {
            return call.get();
        } catch (AssertionError e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                return new Api.Response(504, Map.of(), "{\"code\":\"CLIENT_TIMEOUT\"}");
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ the books

    /** Legal states and transitions, no gap in the history, no half-written dossier, no dangling component. */
    static List<String> checkBooks(DynamoDossierStore store, String code) {
        List<String> problems = new ArrayList<>();
        Dossier d = store.find(code).orElse(null);
        if (d == null) {
            return List.of(code + ": lost (no META item)");
        }
        List<Map<String, AttributeValue>> events = Suite.suite().dynamo().query(b -> b
                .tableName(Suite.suite().names().tableName("DossierTable")).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :e)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DynamoDossierStore.pk(code)),
                        ":e", AttributeValue.fromS("EVENT#")))).items();
        if (events.size() != d.version()) {
            problems.add(code + ": version " + d.version() + " but " + events.size() + " history events");
        }
        List<HistoryEvent> history = store.history(code);
        DossierStatus at = null;
        for (HistoryEvent e : history) {
            if (e.to() != null && e.from() != e.to()) {
                if (at == null ? e.to() != DossierStatus.RECEIVED : !at.canMoveTo(e.to())) {
                    problems.add(code + ": illegal transition " + at + " -> " + e.to() + " (" + e.action() + ")");
                }
                at = e.to();
            }
        }
        if (at != null && at != d.status()) {
            problems.add(code + ": history ends at " + at + " but the dossier is " + d.status());
        }
        String bucket = Suite.suite().names().bucketName("DocumentBucket");
        for (Component c : store.components(code)) {
            if (c.state() == ComponentState.RECEIVED && c.objectKey() != null) {
                try {
                    AwsClients.s3().headObject(b -> b.bucket(bucket).key(c.objectKey()));
                } catch (RuntimeException e) {
                    problems.add(code + ": component " + c.code() + " refers to a missing object");
                }
            }
        }
        return problems;
    }

    /** A paid dossier: exactly one PAID payment, paid amount == fee, nothing outstanding. */
    String checkPaidOnce(Life life) {
        Api.Response r = api.get("/dossiers/" + life.code() + "/payments", api.citizen(life.citizen()));
        if (r.status() != 200) {
            return life.code() + ": payments " + r.status();
        }
        JsonNode p = r.json();
        long paidCount = 0;
        for (JsonNode payment : p.path("payments")) {
            if (payment.path("status").asText().equals("PAID")) {
                paidCount++;
            }
        }
        boolean accepted = !Set.of("RECEIVED", "VALIDATING", "VALIDATED", "AWAITING_PAYMENT").contains(p.path("status").asText());
        if (accepted && (paidCount != 1 || p.path("paidAmount").asLong() != p.path("feeTotal").asLong()
                || p.path("outstanding").asLong() != 0)) {
            return life.code() + ": payment counted wrongly: " + p;
        }
        if (!accepted && paidCount > 0) {
            return life.code() + ": paid but not accepted: " + p;
        }
        return null;
    }

    /** Dossier (META) items created at or after {@code since}: nobody but this test files while it runs. */
    static long dossiersCreatedSince(java.time.Instant since) {
        return codesCreatedSince(since).size();
    }

    /** The codes of the dossiers created at or after {@code since}. */
    static List<String> codesCreatedSince(java.time.Instant since) {
        List<String> codes = new ArrayList<>();
        // createdAt is an ISO string with a fraction ("...:05.123Z" sorts before "...:05Z"): compare against the
        // whole second before, which every instant in or after since's second sorts after
        String from = since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(1).toString();
        Map<String, AttributeValue> start = null;
        do {
            var request = software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder()
                    .tableName(Suite.suite().names().tableName("DossierTable")).consistentRead(true)
                    .filterExpression("sk = :meta AND createdAt >= :since")
                    .expressionAttributeValues(Map.of(":meta", AttributeValue.fromS(DynamoDossierStore.META),
                            ":since", AttributeValue.fromS(from)))
                    .projectionExpression("pk").exclusiveStartKey(start).build();
            var response = AwsClients.dynamo().scan(request);
            response.items().forEach(item -> codes.add(item.get("pk").s().substring(item.get("pk").s().indexOf('#') + 1)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return codes;
    }

    private static long countDossiers(DynamoDossierStore store, List<Life> lives) {
        return lives.stream().filter(l -> l.code() != null).map(Life::code).distinct()
                .filter(code -> store.find(code).isPresent()).count();
    }

    // ------------------------------------------------------------------ dead letters

    /** Every dead-letter queue of the template (a new one cannot be forgotten). */
    static final List<String> DLQS = Suite.suite().template().resourcesOfType("AWS::SQS::Queue").stream()
            .filter(q -> q.endsWith("DLQ")).sorted().toList();

    static Map<String, Integer> deadLetterCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String q : DLQS) {
            String url = Suite.suite().names().queueUrl(q);
            counts.put(q, Integer.parseInt(AwsClients.sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                    .attributesAsStrings().getOrDefault("ApproximateNumberOfMessages", "0")));
        }
        return counts;
    }

    /**
     * Every message dead-lettered during the run must carry a reason; every unfinished life must be explained by
     * one (its code in the body) or by a stream batch given up on (the StreamFailureDLQ's summary).
     */
    private static List<String> deadLetters(Map<String, Integer> before, List<Life> lives, List<Life> unfinished,
                                            List<String> problems) {
        List<String> found = new ArrayList<>();
        Set<String> explained = new java.util.HashSet<>();
        boolean streamGaveUp = false;
        for (String q : DLQS) {
            String url = Suite.suite().names().queueUrl(q);
            int skip = before.getOrDefault(q, 0);
            List<Message> messages = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                List<Message> batch = AwsClients.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .visibilityTimeout(60).waitTimeSeconds(0).messageAttributeNames("All")).messages();
                if (batch.isEmpty()) {
                    break;
                }
                messages.addAll(batch);
            }
            for (Message m : messages) {
                String code = lives.stream().map(Life::code).filter(c -> c != null && m.body().contains(c)).findFirst().orElse(null);
                boolean mine = code != null || (q.equals("StreamFailureDLQ") && messages.indexOf(m) >= skip);
                if (!mine) {
                    continue;
                }
                String reason = reason(m);
                found.add(q + ":" + (code == null ? "stream-batch" : code) + ":" + reason);
                // a crash right after dead-lettering returns the message, and the redrive policy moves it once more
                // without attributes: that copy is explained by the one with its reason
                boolean reasonedTwin = messages.stream().anyMatch(o -> o != m && o.body().equals(m.body()) && reason(o) != null);
                if (reason == null && !reasonedTwin) {
                    problems.add(q + ": a dead-lettered message has no reason: " + m.body());
                }
                if (code != null) {
                    explained.add(code);
                } else {
                    streamGaveUp = true;
                }
            }
        }
        for (Life life : unfinished) {
            if (!explained.contains(life.code()) && !streamGaveUp && !life.notes().contains("ended NEEDS_SUPPLEMENT")) {
                problems.add(life.code() + ": stuck at " + life.reached() + " " + life.notes() + " and no dead letter explains it");
            }
        }
        return found;
    }

    /** Our own dead-letter attribute, Lambda's for an asynchronous event (ErrorMessage), or a reason in the body. */
    private static String reason(Message m) {
        for (String attribute : List.of("reason", "ErrorMessage")) {
            if (m.messageAttributes().containsKey(attribute)) {
                return m.messageAttributes().get(attribute).stringValue();
            }
        }
        return m.body().contains("\"reason\"") ? "in body" : null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
