package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.notify.DynamoAgencyInbox;
import vn.dvc.aws.notify.DynamoDeliveryLog;
import vn.dvc.aws.notify.NotificationChannels;
import vn.dvc.aws.sqs.SqsBatch;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.json.Json;
import vn.dvc.core.notify.AgencyNotice;
import vn.dvc.core.notify.ChannelKind;
import vn.dvc.core.notify.DeliveryRecord;
import vn.dvc.core.notify.DeliveryState;
import vn.dvc.core.notify.Notifier;
import vn.dvc.core.security.Role;
import vn.dvc.local.LocalSuite;
import vn.dvc.notify.NotifierHandler;

/**
 * Issue 7 through the real handlers and queues: exactly one notification per chosen channel whatever the
 * duplicates (stream duplicates = the same request queued again; SQS redeliveries = the same message handed to the
 * notifier again, in parallel too), fallback to the next allowed channel on a permanent failure, retry with
 * backoff on a temporary one (and fallback once retries are exhausted), poison to the DLQ with its reason, the
 * public look-up (no personal data, throttled), and one full dossier life over the local HTTP API whose
 * notifications land in the local outbox in order, in Vietnamese.
 *
 * <p>The local outbox simulates providers by address: phone 0999 0... / {@code @bounce.outbox.test} fail
 * permanently, 0999 1... / {@code @busy.outbox.test} fail temporarily every time, 0999 2... / {@code @flaky.outbox.test}
 * fail temporarily on the first try only (see {@code OutboxChannel}).
 */
@ExtendWith(Suite.class)
class NotificationIT {
    static final String AGENCY = "X00004.UBND";
    static final String PASSPORT = "1.001456"; // 200,000 VND
    static final List<String> PASSPORT_COMPONENTS = List.of("to-khai-de-nghi-cap-ho", "to-khai-de-nghi-cap-ho-2", "anh-moi-chup-khong-qua-06");
    static final String APPLICANT = "001090000072";

    private final Api api = Suite.api();

    static DynamoDossierStore store() {
        return new DynamoDossierStore(Suite.suite().dynamo(), Suite.suite().names().tableName("DossierTable"));
    }

    static String table() {
        return Suite.suite().names().tableName("DossierTable");
    }

    /** A RECEIVED dossier written straight to the table (the stream routes its RECEIVED notification as usual). */
    static String stored(String phone, String email, Map<String, Object> notification) {
        DynamoDossierStore store = store();
        ApplicantKeys keys = new ApplicantKeys(LocalSuite.LOCAL_PARAMETERS.get("ApplicantKeySecret"));
        LocalDate day = LocalDate.of(2024, 3, 1).plusDays(ThreadLocalRandom.current().nextInt(200));
        Instant now = Instant.now();
        Actor filer = new Actor(Role.CITIZEN, "citizen-notification-it", null);
        Map<String, Object> attributes = notification == null ? Map.of() : Map.of("notification", notification);
        for (int attempt = 0; attempt < 20; attempt++) {
            long last = store.lastSequence(AGENCY, day);
            String code = DossierCode.of(AGENCY, day, last + 1).toString();
            Dossier d = new Dossier(code, "1.001193", 1, DossierStatus.RECEIVED, 1, AGENCY, "00004", "01", Channel.ONLINE,
                    new Applicant(APPLICANT, "Nguyễn Văn <b>An</b>", LocalDate.of(1990, 5, 12), phone, email),
                    keys.keyOf(APPLICANT), filer, now, now, null, Map.of(), attributes);
            try {
                store.create(d, List.of(), HistoryEvent.of(now, filer, "FILED", null, DossierStatus.RECEIVED), last, null);
                return code;
            } catch (DossierStore.SequenceTakenException e) {
                // another test took it
            }
        }
        throw new AssertionError("no sequence number");
    }

    List<JsonNode> outbox(String code) {
        Api.Response r = api.get("/_local/outbox?dossier=" + code, null);
        assertEquals(200, r.status(), r.body());
        List<JsonNode> items = new ArrayList<>();
        r.json().path("items").forEach(items::add);
        return items;
    }

    /** Generous: in the full build the notify queue may still carry the backlog of earlier classes' dossier lives. */
    List<JsonNode> awaitOutbox(String code, java.util.function.Predicate<List<JsonNode>> done) {
        return Api.await(() -> outbox(code), done, Duration.ofSeconds(180));
    }

    /** Earlier test classes leave notification requests behind; wait (bounded) until the local notifier caught up. */
    @org.junit.jupiter.api.BeforeAll
    static void notifyQueueDrained() throws InterruptedException {
        String url = queueUrl("NotifyQueue");
        long t0 = System.nanoTime();
        for (int i = 0; i < 240; i++) {
            var attributes = AwsClients.sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings();
            if ("0".equals(attributes.getOrDefault("ApproximateNumberOfMessages", "0"))) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("notify queue drained in %d ms before NotificationIT%n", (System.nanoTime() - t0) / 1_000_000);
    }

    static List<String> sent(List<JsonNode> items) {
        return items.stream().map(i -> i.path("event").asText() + "/" + i.path("channel").asText()).toList();
    }

    static Map<ChannelKind, DeliveryRecord> deliveries(String code, String notificationId) {
        Map<ChannelKind, DeliveryRecord> out = new LinkedHashMap<>();
        new DynamoDeliveryLog(Suite.suite().dynamo(), table()).all(code).stream()
                .filter(r -> r.notificationId().equals(notificationId)).forEach(r -> out.put(r.channel(), r));
        return out;
    }

    static SQSEvent.SQSMessage message(String body, int receiveCount) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(UUID.randomUUID().toString());
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        m.setEventSource("aws:sqs");
        return m;
    }

    static SQSBatchResponse invokeNotifier(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return (SQSBatchResponse) Suite.suite().functions().invoke("NotifierFunction", event);
    }

    static String statusChanged(String code, long version, String to) {
        return Json.write(Map.of("type", "DossierStatusChanged", "eventId", "it-" + UUID.randomUUID(), "dossierCode", code,
                "to", to, "version", version, "at", Instant.now().toString()));
    }

    static String queueUrl(String logicalId) {
        return Suite.suite().names().queueUrl(logicalId);
    }

    // ---------------------------------------------------------------- exactly once per chosen channel

    @Test
    void duplicatesAndRedeliveriesSendExactlyOncePerChosenChannel() throws Exception {
        String code = stored("0912345672", "an.once@example.org", Map.of("channels", List.of("SMS", "EMAIL")));
        String body = statusChanged(code, 1, "RECEIVED");
        // duplicate stream records: the router queued the same change three more times
        for (int i = 0; i < 3; i++) {
            AwsClients.sqs().sendMessage(b -> b.queueUrl(queueUrl("NotifyQueue")).messageBody(body));
        }
        // SQS redeliveries: the same message handed to the notifier again, twice per batch, from four threads at once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> invokeNotifier(message(body, 2), message(body, 3)).getBatchItemFailures().size());
        }
        int retried = 0;
        for (Future<Integer> f : pool.invokeAll(calls)) {
            retried += f.get();
        }
        pool.shutdown();
        // whatever was told to retry (another attempt held the claim) is retried: replay until nothing fails
        for (int i = 0; i < 20 && invokeNotifier(message(body, 4)).getBatchItemFailures().size() > 0; i++) {
            Thread.sleep(200);
        }
        List<JsonNode> items = awaitOutbox(code, l -> l.size() >= 2);
        Thread.sleep(2500); // the queued duplicates are consumed meanwhile: nothing more may arrive
        items = outbox(code);
        assertEquals(List.of("RECEIVED/EMAIL", "RECEIVED/SMS"), sent(items).stream().sorted().toList(),
                "one per chosen channel (" + retried + " parallel attempts were told to retry)");
        Map<ChannelKind, DeliveryRecord> records = deliveries(code, Notifier.notificationId(1, vn.dvc.core.notify.NotificationEvent.RECEIVED));
        assertEquals(DeliveryState.SENT, records.get(ChannelKind.SMS).state());
        assertEquals(DeliveryState.SENT, records.get(ChannelKind.EMAIL).state());
        assertEquals(1, records.get(ChannelKind.SMS).attempts(), "claimed once");

        JsonNode sms = items.stream().filter(i -> i.path("channel").asText().equals("SMS")).findFirst().orElseThrow();
        assertEquals("+84912345672", sms.path("address").asText());
        assertTrue(sms.path("text").asText().contains("Hồ sơ " + code), sms.toString());
        JsonNode email = items.stream().filter(i -> i.path("channel").asText().equals("EMAIL")).findFirst().orElseThrow();
        assertTrue(email.path("html").asText().contains("Nguyễn Văn &lt;b&gt;An&lt;/b&gt;"), "user text escaped: " + email.path("html"));
        assertFalse(email.path("html").asText().contains("<b>An"), "no markup injected");

        // the dossier carries the delivery states for its owner (no address)
        JsonNode dossier = api.get("/dossiers/" + code, api.citizen(APPLICANT)).json();
        assertEquals(2, dossier.path("notifications").size(), dossier.toString());
        assertFalse(dossier.path("notifications").toString().contains("+8491"), "no address in the delivery states");
    }

    // ---------------------------------------------------------------- fallback, backoff, DLQ

    @Test
    void aPermanentFailureFallsBackToTheNextAllowedChannel() {
        String code = stored("0999012345", "an.fallback@example.org", null);
        List<JsonNode> items = awaitOutbox(code, l -> !l.isEmpty());
        assertEquals(List.of("RECEIVED/EMAIL"), sent(items));
        Map<ChannelKind, DeliveryRecord> records = Api.await(() -> deliveries(code, "00000001-RECEIVED"),
                m -> m.containsKey(ChannelKind.EMAIL) && m.get(ChannelKind.EMAIL).state() == DeliveryState.SENT, Duration.ofSeconds(10));
        assertEquals(DeliveryState.FAILED_PERMANENT, records.get(ChannelKind.SMS).state());
        assertEquals("RECIPIENT_UNKNOWN", records.get(ChannelKind.SMS).reason());
        assertEquals(DeliveryState.SENT, records.get(ChannelKind.EMAIL).state());
        // a redelivery walks the same path and sends nothing more
        assertEquals(0, invokeNotifier(message(statusChanged(code, 1, "RECEIVED"), 2)).getBatchItemFailures().size());
        assertEquals(1, outbox(code).size());
    }

    @Test
    void aTemporaryFailureIsRetriedAndDeliveredOnce() {
        String code = stored("0999212345", null, null); // fails the first try only
        List<JsonNode> items = awaitOutbox(code, l -> !l.isEmpty());
        assertEquals(List.of("RECEIVED/SMS"), sent(items));
        // the outbox item is written by the send, the SENT record right after it
        DeliveryRecord sms = Api.await(() -> deliveries(code, "00000001-RECEIVED").get(ChannelKind.SMS),
                r -> r.state() == DeliveryState.SENT, Duration.ofSeconds(10));
        assertEquals(2, sms.attempts(), "one temporary failure, one success");
    }

    @Test
    void aTemporaryFailureHidesTheMessageWithBackoff() {
        // a queue of our own whose visibility timeout is 1 s: without the notifier's backoff the message would be back at once
        var sqs = AwsClients.sqs();
        String url = sqs.createQueue(b -> b.queueName("notify-backoff-it-" + UUID.randomUUID().toString().substring(0, 8))
                .attributes(Map.of(software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
        String code = stored("0999112345", null, null); // busy every time
        // the monitoring step's notice: not a status change, so the stream's own RECEIVED request never races this one
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(Json.write(Map.of("type", "DossierNotice", "event", "OVERDUE",
                "dossierCode", code, "version", 1))));
        Message received = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).messageSystemAttributeNamesWithStrings("All"))
                .messages().getFirst();
        var dynamo = Suite.suite().dynamo();
        var handler = new NotifierHandler(new Notifier(store(), new DynamoDeliveryLog(dynamo, table()), new DynamoAgencyInbox(dynamo, table()),
                NotificationChannels.fromEnvironment(dynamo, table()), ProcedureCatalog.bundled(), Clock.systemUTC()),
                new SqsBatch(null), sqs, url, NotifierHandler.Backoff.PRODUCTION);
        SQSEvent.SQSMessage m = message(received.body(), 1);
        m.setMessageId(received.messageId());
        m.setReceiptHandle(received.receiptHandle());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        long t0 = System.nanoTime();
        assertEquals(1, handler.handleRequest(event, null).getBatchItemFailures().size(), "back to the queue");
        System.out.printf("notifier: one temporary failure handled in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        List<Message> again = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(3)).messages();
        assertEquals(List.of(), again, "hidden for the backoff (30 s on the first failure), not the queue's 1 s");
        assertEquals(DeliveryState.FAILED_TEMPORARY, deliveries(code, "00000001-OVERDUE").get(ChannelKind.SMS).state());
        sqs.deleteQueue(b -> b.queueUrl(url));
    }

    @Test
    void exhaustedRetriesFallBackAndPoisonGoesToTheDlqWithItsReason() {
        // busy SMS every time: the queue redelivers (locally every second); the 8th receive falls back to e-mail
        String code = stored("0999112346", "an.exhausted@example.org", null);
        List<JsonNode> items = awaitOutbox(code, l -> !l.isEmpty());
        assertEquals(List.of("RECEIVED/EMAIL"), sent(items));
        Api.await(() -> deliveries(code, "00000001-RECEIVED").get(ChannelKind.EMAIL),
                r -> r != null && r.state() == DeliveryState.SENT, Duration.ofSeconds(10));
        DeliveryRecord sms = deliveries(code, "00000001-RECEIVED").get(ChannelKind.SMS);
        assertEquals(DeliveryState.FAILED_PERMANENT, sms.state());
        assertEquals("EXHAUSTED:THROTTLED", sms.reason());
        assertEquals(8, sms.attempts(), "the queue's maxReceiveCount (template.yaml NotifyQueue)");

        String marker = "poison-" + UUID.randomUUID();
        AwsClients.sqs().sendMessage(b -> b.queueUrl(queueUrl("NotifyQueue"))
                .messageBody("{\"type\":\"DossierStatusChanged\",\"dossierCode\":\"" + marker + "\"}"));
        Message dead = Api.await(() -> AwsClients.sqs().receiveMessage(b -> b.queueUrl(queueUrl("NotifyDLQ")).maxNumberOfMessages(10)
                        .visibilityTimeout(0).waitTimeSeconds(1).messageAttributeNames("All")).messages().stream()
                        .filter(x -> x.body().contains(marker)).findFirst().orElse(null),
                x -> x != null, Duration.ofSeconds(30));
        assertEquals("MALFORMED_MESSAGE", dead.messageAttributes().get("reason").stringValue());
        assertTrue(dead.messageAttributes().get("detail").stringValue().contains("version"));
    }

    // ---------------------------------------------------------------- warm latency (printed, not asserted)

    @Test
    void everyEventOnceAndTheNotifiersWarmLatency() {
        String code = stored("0912345675", null, null);
        awaitOutbox(code, l -> !l.isEmpty()); // RECEIVED through the queue: the handler is warm
        List<Long> sends = new ArrayList<>();
        List<Long> duplicates = new ArrayList<>();
        for (vn.dvc.core.notify.NotificationEvent e : vn.dvc.core.notify.NotificationEvent.values()) {
            if (e == vn.dvc.core.notify.NotificationEvent.RECEIVED) {
                continue;
            }
            String body = Json.write(Map.of("type", "DossierNotice", "event", e.name(), "dossierCode", code, "version", 1));
            long t0 = System.nanoTime();
            assertEquals(0, invokeNotifier(message(body, 1)).getBatchItemFailures().size(), e.name());
            sends.add((System.nanoTime() - t0) / 1_000);
            t0 = System.nanoTime();
            assertEquals(0, invokeNotifier(message(body, 2)).getBatchItemFailures().size(), e.name());
            duplicates.add((System.nanoTime() - t0) / 1_000);
        }
        List<JsonNode> items = outbox(code);
        assertEquals(vn.dvc.core.notify.NotificationEvent.values().length, items.size(), "every event once: " + sent(items));
        items.forEach(i -> assertTrue(i.path("subject").asText().contains(code), i.toString()));
        sends.sort(null);
        duplicates.sort(null);
        System.out.printf("notifier warm latency (local engines, one message per invocation, %d events): send median %.1f ms max %.1f ms;"
                        + " duplicate median %.1f ms max %.1f ms%n", sends.size(), sends.get(sends.size() / 2) / 1000.0,
                sends.getLast() / 1000.0, duplicates.get(duplicates.size() / 2) / 1000.0, duplicates.getLast() / 1000.0);
    }

    // ---------------------------------------------------------------- public look-up

    static APIGatewayV2HTTPEvent publicLookup(String code, String last4, String sourceIp) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRouteKey("GET /public/dossiers/{code}");
        e.setRawPath("/public/dossiers/" + code);
        e.setPathParameters(Map.of("code", code));
        e.setQueryStringParameters(last4 == null ? null : Map.of("phoneLast4", last4));
        e.setHeaders(Map.of("accept-language", "en"));
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/public/dossiers/" + code)
                .withSourceIp(sourceIp).build();
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId("it-" + UUID.randomUUID());
        e.setRequestContext(context);
        return e;
    }

    @Test
    void publicLookUpShowsNoPersonalDataAndIsThrottled() {
        String code = stored("0912345673", "an.public@example.org", null);
        Api.Response ok = api.send("GET", "/public/dossiers/" + code + "?phoneLast4=5673", null, null, Map.of());
        assertEquals(200, ok.status(), ok.body());
        assertEquals("RECEIVED", ok.json().path("status").asText());
        assertEquals("Đã tiếp nhận, chờ tài liệu", ok.json().path("statusText").asText());
        for (String secret : List.of("0912345673", "5673", APPLICANT, "Nguyễn", "an.public", "applicant")) {
            assertFalse(ok.body().contains(secret), "personal data in the public look-up: " + secret);
        }
        Api.Response wrong = api.send("GET", "/public/dossiers/" + code + "?phoneLast4=0000", null, null, Map.of("Accept-Language", "en"));
        assertEquals(404, wrong.status());
        assertEquals("No dossier matches that code and phone number.", wrong.json().path("message").asText());
        assertEquals(400, api.send("GET", "/public/dossiers/" + code, null, null, Map.of()).status());

        // throttling: 5 failures for this code (the one above and four more), then even the right digits get 429
        String ip = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);
        var functions = Suite.suite().functions();
        for (int i = 0; i < 4; i++) {
            var r = (APIGatewayV2HTTPResponse) functions.invoke("StatusApiFunction", publicLookup(code, "11" + i + "1", ip));
            assertEquals(404, r.getStatusCode(), r.getBody());
        }
        var blocked = (APIGatewayV2HTTPResponse) functions.invoke("StatusApiFunction", publicLookup(code, "5673", ip));
        assertEquals(429, blocked.getStatusCode(), blocked.getBody());
        assertTrue(blocked.getBody().contains("TOO_MANY_ATTEMPTS"));
        assertTrue(blocked.getBody().contains("Bạn đã nhập sai quá nhiều lần"), "both languages in the error shape");
        // another dossier is not affected by this code's counter
        String other = stored("0912345674", null, null);
        var fine = (APIGatewayV2HTTPResponse) functions.invoke("StatusApiFunction", publicLookup(other, "5674", ip));
        assertEquals(200, fine.getStatusCode(), fine.getBody());
    }

    // ---------------------------------------------------------------- a whole life over HTTP

    private String fileAndUpload(String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", PASSPORT);
        body.put("communeCode", "00004");
        body.put("channel", "ONLINE");
        body.put("applicant", Map.of("fullName", "Nguyễn Văn An", "dateOfBirth", "1990-05-12", "phone", "0912345679"));
        body.put("form", Map.of());
        body.put("components", PASSPORT_COMPONENTS.stream().map(c -> Map.of("component", c, "contentType", "application/pdf")).toList());
        Api.Response filed = api.post("/dossiers", token, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, filed.status(), filed.body());
        for (JsonNode upload : filed.json().path("uploads")) {
            assertEquals(200, api.upload(upload.path("url").asText(), "application/pdf", Files.pdf()));
        }
        return filed.json().path("code").asText();
    }

    private JsonNode awaitStatus(String code, String token, String status) {
        return Api.await(() -> api.get("/dossiers/" + code, token).json(), d -> d.path("status").asText().equals(status),
                Duration.ofSeconds(60));
    }

    private Api.Response act(String code, String token, Map<String, Object> body) {
        Api.Response r = api.post("/dossiers/" + code + "/actions", token, body, Map.of());
        assertEquals(200, r.status(), r.body());
        return r;
    }

    @Test
    void aWholeDossierLifeLeavesItsNotificationsInTheOutboxInOrderInVietnamese() {
        long t0 = System.nanoTime();
        String citizen = api.citizen("001090000071");
        String code = fileAndUpload(citizen);
        awaitStatus(code, citizen, "AWAITING_PAYMENT");
        String txn = api.post("/dossiers/" + code + "/payments", citizen, Map.of(), Map.of()).json().path("transactionRef").asText();
        assertEquals(200, api.post("/_local/payments/" + txn + "/pay", null, Map.of(), Map.of()).status());
        JsonNode accepted = awaitStatus(code, citizen, "ACCEPTED");
        String agency = accepted.path("agencyId").asText();
        String official = api.token("OFFICIAL", null, agency, "01");
        act(code, official, Map.of("action", "take"));
        act(code, official, Map.of("action", "request-supplement", "reasons", List.of(Map.of("component", PASSPORT_COMPONENTS.get(0),
                "reason", Map.of("vi", "Thiếu chữ ký <người khai>", "en", "Signature missing")))));
        act(code, official, Map.of("action", "resubmit"));
        JsonNode upload = act(code, official, Map.of("action", "approve")).json().path("resultUpload");
        assertEquals(200, api.upload(upload.path("url").asText(), "application/pdf", Files.pdf()));
        awaitStatus(code, citizen, "RESULT_ISSUED");
        act(code, official, Map.of("action", "complete", "handover", "COLLECTED"));
        System.out.printf("notification life: dossier %s filed to COMPLETED in %d ms%n", code, (System.nanoTime() - t0) / 1_000_000);

        List<String> expected = List.of("RECEIVED/SMS", "VALIDATING/SMS", "AWAITING_PAYMENT/SMS", "ACCEPTED/SMS", "IN_PROGRESS/SMS",
                "SUPPLEMENT_REQUESTED/SMS", "IN_PROGRESS/SMS", "APPROVED/SMS", "RESULT_ISSUED/SMS", "COMPLETED/SMS");
        List<JsonNode> items = awaitOutbox(code, l -> l.size() >= expected.size());
        assertEquals(expected, sent(items), "in the order of the dossier's changes, once each");
        System.out.printf("notification life: %d notifications in the outbox %d ms after filing%n", items.size(),
                (System.nanoTime() - t0) / 1_000_000);
        for (JsonNode i : items) {
            assertEquals("vi", i.path("language").asText());
            assertTrue(i.path("text").asText().startsWith("Hồ sơ " + code) || i.path("text").asText().startsWith("Cơ quan")
                    || i.path("text").asText().startsWith("Đã có"), i.path("text").asText());
        }
        assertTrue(items.get(2).path("text").asText().contains("200.000 đ"), items.get(2).path("text").asText());
        assertTrue(items.get(3).path("text").asText().matches(".*ngày \\d{2}/\\d{2}/\\d{4}\\. Ngày hẹn trả kết quả: \\d{2}/\\d{2}/\\d{4}\\."),
                items.get(3).path("text").asText());
        assertTrue(items.get(5).path("text").asText().contains("Thiếu chữ ký <người khai>"), "SMS text is plain: " + items.get(5));
        assertTrue(items.get(0).path("text").asText().contains("(Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh))"),
                "the procedure's name: " + items.get(0).path("text").asText());

        // the agency was told when the dossier arrived
        List<AgencyNotice> notices = new DynamoAgencyInbox(Suite.suite().dynamo(), table()).recent(agency, 50);
        assertEquals(1, notices.stream().filter(n -> n.dossierCode().equals(code) && n.kind() == AgencyNotice.Kind.DOSSIER_ARRIVED).count());

        // the citizen's view: fee, result link, every notification SENT, history in order in English
        JsonNode dossier = Api.await(() -> api.get("/dossiers/" + code, citizen).json(), d -> {
            for (JsonNode n : d.path("notifications")) {
                if (!n.path("state").asText().equals("SENT")) {
                    return false;
                }
            }
            return true;
        }, Duration.ofSeconds(10));
        assertEquals(200_000, dossier.path("feeTotal").asLong());
        assertEquals("200.000 đ", dossier.path("feeText").asText());
        assertTrue(dossier.path("result").path("url").asText().startsWith("http"), dossier.path("result").toString());
        assertEquals(expected.size(), dossier.path("notifications").size());
        dossier.path("notifications").forEach(n -> assertEquals("SENT", n.path("state").asText(), n.toString()));
        JsonNode history = api.send("GET", "/dossiers/" + code + "/history", citizen, null, Map.of("Accept-Language", "en")).json();
        List<String> statuses = new ArrayList<>();
        history.path("history").forEach(h -> {
            if (h.path("to").isTextual() && !h.path("to").asText().equals(statuses.isEmpty() ? "" : statuses.getLast())) {
                statuses.add(h.path("to").asText());
            }
        });
        assertEquals(List.of("RECEIVED", "VALIDATING", "VALIDATED", "AWAITING_PAYMENT", "ACCEPTED", "IN_PROGRESS",
                "SUPPLEMENT_REQUESTED", "IN_PROGRESS", "APPROVED", "RESULT_ISSUED", "COMPLETED"), statuses);
        assertEquals("Completed", history.path("history").get(history.path("history").size() - 1).path("statusText").asText());

        // rating: once, after completion; bad values 422; a second time 409; someone else 404
        Map<String, String> none = Map.of();
        assertEquals(422, api.post("/dossiers/" + code + "/rating", citizen, Map.of("score", 0), none).status());
        Api.Response bad = api.send("POST", "/dossiers/" + code + "/rating", citizen, "{\"score\":\"5\"}", Map.of("Accept-Language", "en"));
        assertEquals(422, bad.status());
        assertEquals("The rating must be 1 to 5 and the comment at most 500 characters.", bad.json().path("message").asText());
        assertEquals(404, api.post("/dossiers/" + code + "/rating", api.citizen("001090000073"), Map.of("score", 5), none).status());
        assertEquals(403, api.post("/dossiers/" + code + "/rating", official, Map.of("score", 5), none).status());
        Api.Response rated = api.post("/dossiers/" + code + "/rating", citizen, Map.of("score", 5, "comment", "Nhanh, chu đáo"), none);
        assertEquals(201, rated.status(), rated.body());
        Api.Response again = api.post("/dossiers/" + code + "/rating", citizen, Map.of("score", 4), none);
        assertEquals(409, again.status());
        assertEquals("ALREADY_RATED", again.json().path("code").asText());
        assertEquals(5, api.get("/dossiers/" + code, citizen).json().path("rating").path("score").asInt());
        assertEquals(expected.size(), outbox(code).size(), "a rating notifies nobody");
    }
}
