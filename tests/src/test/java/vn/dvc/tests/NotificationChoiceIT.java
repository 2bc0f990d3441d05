package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 7, session 13:50: the citizen chooses the notification channels and language at filing
 * ({@code notification} in {@code POST /dossiers}) and changes them later ({@code PUT /dossiers/{code}/notification});
 * the local outbox shows that the notifier follows the choice. Officials read their agency's inbox at
 * {@code GET /agencies/{id}/notices}; another agency's official cannot.
 */
@ExtendWith(Suite.class)
class NotificationChoiceIT {
    static final String ENDPOINT = "arn:aws:sns:ap-southeast-1:123456789012:endpoint/GCM/dvc-app/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private final Api api = Suite.api();

    static Map<String, Object> filing(String phone, String email, Map<String, Object> notification) {
        Map<String, Object> body = new LinkedHashMap<>(WalkingSkeletonIT.birthFiling());
        Map<String, Object> applicant = new LinkedHashMap<>();
        applicant.put("fullName", "Nguyễn Văn An");
        applicant.put("dateOfBirth", "1990-05-12");
        if (phone != null) {
            applicant.put("phone", phone);
        }
        if (email != null) {
            applicant.put("email", email);
        }
        body.put("applicant", applicant);
        if (notification != null) {
            body.put("notification", notification);
        }
        return body;
    }

    Api.Response file(String token, Map<String, Object> body, String key) {
        return api.post("/dossiers", token, body, Map.of("Idempotency-Key", key));
    }

    List<JsonNode> outbox(String code) {
        Api.Response r = api.get("/_local/outbox?dossier=" + code, null);
        assertEquals(200, r.status(), r.body());
        List<JsonNode> items = new ArrayList<>();
        r.json().path("items").forEach(items::add);
        return items;
    }

    List<JsonNode> awaitOutbox(String code, java.util.function.Predicate<List<JsonNode>> done) {
        return Api.await(() -> outbox(code), done, Duration.ofSeconds(120));
    }

    static boolean has(List<JsonNode> items, String event) {
        return items.stream().anyMatch(i -> i.path("event").asText().equals(event));
    }

    @Test
    void emailOnlyInEnglishThenTheCitizenSwitchesToSmsInVietnamese() {
        String pid = "001090008101";
        String citizen = api.citizen(pid);
        Map<String, Object> choice = Map.of("channels", List.of("EMAIL"), "language", "en");
        Map<String, Object> body = filing("0912345678", "an.choice@example.org", choice);
        String key = "notify-choice-" + UUID.randomUUID();
        Api.Response filed = file(citizen, body, key);
        assertEquals(201, filed.status(), filed.body());
        String code = filed.json().path("code").asText();

        // the idempotency hash covers the choice: the same key with another choice is refused, the same body replayed
        Api.Response other = file(citizen, filing("0912345678", "an.choice@example.org",
                Map.of("channels", List.of("SMS"), "language", "en")), key);
        assertEquals(422, other.status(), other.body());
        assertEquals("IDEMPOTENCY_KEY_REUSED", other.json().path("code").asText());
        Api.Response again = file(citizen, body, key);
        assertEquals(201, again.status());
        assertEquals(code, again.json().path("code").asText());

        long tFiled = System.nanoTime();
        List<JsonNode> first = awaitOutbox(code, l -> has(l, "RECEIVED"));
        System.out.printf("notification choice: RECEIVED e-mail in the outbox %d ms after the filing's answer%n",
                (System.nanoTime() - tFiled) / 1_000_000);
        for (JsonNode i : first) {
            assertEquals("EMAIL", i.path("channel").asText(), "e-mail only although a phone was given: " + i);
            assertEquals("en", i.path("language").asText(), i.toString());
        }
        JsonNode received = first.stream().filter(i -> i.path("event").asText().equals("RECEIVED")).findFirst().orElseThrow();
        assertTrue(received.path("text").asText().contains(code), received.toString());
        assertFalse(received.path("text").asText().contains("Hồ sơ"), "English text: " + received.path("text").asText());

        JsonNode detail = api.get("/dossiers/" + code, citizen).json();
        assertEquals("[\"EMAIL\"]", detail.path("notificationChoice").path("channels").toString(), detail.toString());
        assertEquals("en", detail.path("notificationChoice").path("language").asText());
        assertTrue(detail.path("version").asLong() >= 1, detail.toString());

        // the applicant changes the choice (If-Match with a stale version is refused; then the current one)
        Api.Response stale = api.send("PUT", "/dossiers/" + code + "/notification", citizen,
                "{\"channels\":[\"SMS\"],\"language\":\"vi\"}", Map.of("If-Match", "\"0\""));
        assertEquals(409, stale.status(), stale.body());
        assertEquals("VERSION_MISMATCH", stale.json().path("code").asText());
        Api.Response changed = api.send("PUT", "/dossiers/" + code + "/notification", citizen,
                "{\"channels\":[\"SMS\"],\"fallback\":[],\"language\":\"vi\"}", Map.of());
        assertEquals(200, changed.status(), changed.body());
        assertEquals("[\"SMS\"]", changed.json().path("notification").path("channels").toString());
        assertEquals("vi", changed.json().path("notification").path("language").asText());
        assertFalse(changed.body().contains("0912345678") || changed.body().contains("example.org"), "no address: " + changed.body());
        long version = changed.json().path("version").asLong();
        assertEquals(version, api.get("/dossiers/" + code, citizen).json().path("version").asLong());
        Api.Response same = api.send("PUT", "/dossiers/" + code + "/notification", citizen,
                "{\"channels\":[\"SMS\"],\"fallback\":[],\"language\":\"vi\"}", Map.of("If-Match", Long.toString(version)));
        assertEquals(200, same.status(), same.body());
        assertEquals(version, same.json().path("version").asLong(), "the same choice again writes nothing");

        // the next notification follows the new choice: the withdrawal is told by SMS, in Vietnamese, and not by e-mail
        long t0 = System.nanoTime();
        Api.Response withdrawn = api.post("/dossiers/" + code + "/withdraw", citizen, Map.of(), Map.of());
        assertEquals(200, withdrawn.status(), withdrawn.body());
        List<JsonNode> after = awaitOutbox(code, l -> has(l, "WITHDRAWN"));
        System.out.printf("notification choice: the withdrawal's SMS in the outbox %d ms after the request%n",
                (System.nanoTime() - t0) / 1_000_000);
        List<JsonNode> told = after.stream().filter(i -> i.path("event").asText().equals("WITHDRAWN")).toList();
        assertEquals(1, told.size(), after.toString());
        assertEquals("SMS", told.get(0).path("channel").asText());
        assertEquals("vi", told.get(0).path("language").asText());
        assertTrue(told.get(0).path("text").asText().startsWith("Hồ sơ " + code), told.get(0).path("text").asText());

        // the history names the change without any address
        JsonNode history = api.get("/dossiers/" + code + "/history", citizen).json();
        assertTrue(history.toString().contains("NOTIFICATION_CHANGED"), history.toString());
        assertFalse(history.toString().contains("0912345678") || history.toString().contains("an.choice@"), history.toString());
    }

    @Test
    void aChoiceThatCannotBeServedIsRefusedWithAClearMessage() {
        String citizen = api.citizen("001090008102");
        Api.Response push = file(citizen, filing("0912345678", null, Map.of("channels", List.of("PUSH"))), "notify-push-" + UUID.randomUUID());
        assertEquals(422, push.status(), push.body());
        assertTrue(push.body().contains("notification.pushEndpoint") && push.body().contains("REQUIRED_FOR_PUSH"), push.body());
        assertFalse(push.json().path("messages").path("vi").asText().isEmpty());
        assertFalse(push.json().path("messages").path("en").asText().isEmpty());

        Api.Response badEndpoint = file(citizen, filing("0912345678", null,
                Map.of("channels", List.of("PUSH"), "pushEndpoint", "https://evil.example/push")), "notify-push-" + UUID.randomUUID());
        assertEquals(422, badEndpoint.status(), badEndpoint.body());
        assertTrue(badEndpoint.body().contains("INVALID_PUSH_ENDPOINT"), badEndpoint.body());

        Api.Response noEmail = api.send("POST", "/dossiers", citizen, vn.dvc.core.json.Json.write(
                filing("0912345678", null, Map.of("channels", List.of("EMAIL")))),
                Map.of("Idempotency-Key", "notify-mail-" + UUID.randomUUID(), "Accept-Language", "en"));
        assertEquals(422, noEmail.status(), noEmail.body());
        assertEquals("CONTACT_MISSING", noEmail.json().path("code").asText());
        assertTrue(noEmail.json().path("messages").path("vi").asText().contains("e-mail"), noEmail.body());
        assertTrue(noEmail.json().path("message").asText().contains("EMAIL needs"), noEmail.body());
        assertTrue(noEmail.body().contains("applicant.email"), noEmail.body());

        // PUSH with an endpoint is fine and the endpoint is not echoed back
        Api.Response ok = file(citizen, filing("0912345678", null, Map.of("channels", List.of("PUSH"), "fallback", List.of("SMS"),
                "pushEndpoint", ENDPOINT)), "notify-push-" + UUID.randomUUID());
        assertEquals(201, ok.status(), ok.body());
        String code = ok.json().path("code").asText();

        // the route: applicant only (another citizen 404, the agency's official 403), the same rules on the body
        String path = "/dossiers/" + code + "/notification";
        assertEquals(404, api.send("PUT", path, api.citizen("001090008199"), "{\"channels\":[\"SMS\"]}", Map.of()).status());
        String agency = ok.json().path("agency").path("id").asText();
        assertEquals(403, api.send("PUT", path, api.token("OFFICIAL", null, agency, "01"), "{\"channels\":[\"SMS\"]}", Map.of()).status());
        Api.Response noPush = api.send("PUT", path, citizen, "{\"channels\":[\"PUSH\"]}", Map.of());
        assertEquals(422, noPush.status(), noPush.body());
        assertTrue(noPush.body().contains("REQUIRED_FOR_PUSH"), noPush.body());
        Api.Response mail = api.send("PUT", path, citizen, "{\"channels\":[\"EMAIL\"]}", Map.of());
        assertEquals(422, mail.status(), mail.body());
        assertEquals("CONTACT_MISSING", mail.json().path("code").asText());
        assertEquals(400, api.send("PUT", path, citizen, "{\"channels\":[\"SMS\"]}", Map.of("If-Match", "abc")).status());
        List<JsonNode> items = awaitOutbox(code, l -> has(l, "RECEIVED"));
        assertTrue(items.stream().allMatch(i -> i.path("channel").asText().equals("PUSH")), items.toString());
    }

    @Test
    void officialsReadTheirAgencysArrivalNoticesNewestFirstAndNoOneElseDoes() {
        String agency = "X00004.UBND";
        // two dossiers arrive (ACCEPTED): the notifier posts one notice each to the agency's inbox
        String first = NotificationIT.stored("0912345678", null, null);
        String second = NotificationIT.stored("0912345678", null, null);
        assertEquals(0, NotificationIT.invokeNotifier(NotificationIT.message(NotificationIT.statusChanged(first, 1, "ACCEPTED"), 1))
                .getBatchItemFailures().size());
        assertEquals(0, NotificationIT.invokeNotifier(NotificationIT.message(NotificationIT.statusChanged(second, 1, "ACCEPTED"), 1))
                .getBatchItemFailures().size());

        String official = api.token("OFFICIAL", null, agency, "01");
        Api.Response r = api.send("GET", "/agencies/" + agency + "/notices?limit=200", official, null, Map.of("Accept-Language", "en"));
        assertEquals(200, r.status(), r.body());
        List<String> codes = new ArrayList<>();
        r.json().path("items").forEach(i -> codes.add(i.path("dossierCode").asText()));
        assertTrue(codes.contains(first) && codes.contains(second), codes.toString());
        assertTrue(codes.indexOf(second) < codes.indexOf(first), "newest first: " + codes);
        JsonNode notice = r.json().path("items").get(codes.indexOf(second));
        assertEquals("DOSSIER_ARRIVED", notice.path("kind").asText());
        assertTrue(notice.path("text").asText().startsWith("New dossier " + second), notice.toString());
        assertFalse(r.body().contains("Nguyễn") || r.body().contains("0912345678") || r.body().contains(NotificationIT.APPLICANT),
                "no personal data in notices");

        // paging: one at a time, following nextCursor, gives the same order without repeats
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 400 && paged.size() < codes.size(); page++) {
            Api.Response p = api.get("/agencies/" + agency + "/notices?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), official);
            assertEquals(200, p.status(), p.body());
            p.json().path("items").forEach(i -> paged.add(i.path("dossierCode").asText()));
            cursor = p.json().path("nextCursor").isTextual() ? p.json().path("nextCursor").asText() : null;
            if (cursor == null) {
                break;
            }
        }
        assertEquals(codes.subList(0, Math.min(codes.size(), paged.size())), paged.subList(0, Math.min(codes.size(), paged.size())));

        // who may read: the agency's official, its province's supervisor, an operator; nobody else
        assertEquals(200, api.get("/agencies/" + agency + "/notices", api.token("SUPERVISOR", null, null, "01")).status());
        assertEquals(200, api.get("/agencies/" + agency + "/notices", api.token("OPERATOR", null, null, null)).status());
        assertEquals(403, api.get("/agencies/" + agency + "/notices", api.token("OFFICIAL", null, "X26824.UBND", "79")).status());
        assertEquals(403, api.get("/agencies/" + agency + "/notices", api.token("SUPERVISOR", null, null, "79")).status());
        assertEquals(403, api.get("/agencies/" + agency + "/notices", api.citizen("001090008103")).status());
        assertEquals(401, api.get("/agencies/" + agency + "/notices", null).status());
        assertEquals(404, api.get("/agencies/X99999.NOPE/notices", api.token("OPERATOR", null, null, null)).status());
        // bad paging: 400 in the error shape
        for (String q : List.of("limit=0", "limit=201", "limit=1e3", "cursor=%25%25%25", "cursor=bm90LWEta2V5")) {
            Api.Response bad = api.get("/agencies/" + agency + "/notices?" + q, official);
            assertEquals(400, bad.status(), q + ": " + bad.body());
            assertNotNull(bad.json().path("messages").path("vi").asText(null), bad.body());
        }
    }
}
