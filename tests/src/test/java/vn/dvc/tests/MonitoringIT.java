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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.notify.DynamoAgencyInbox;
import vn.dvc.aws.stats.DynamoDueIndex;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.json.Json;
import vn.dvc.core.notify.AgencyNotice;
import vn.dvc.core.security.Role;
import vn.dvc.core.sla.SlaMonitor;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.local.DemoMonitoring;

/**
 * Issue 8 through the real store, stream, router, stats-aggregator and stats-api: due-soon and overdue detection
 * across Tết 2027 and National Day 2027 with the SLA monitor run "at" chosen instants (injected clock), no double
 * warnings over repeated runs, counters exact under duplicated deliveries (the stream's own messages plus the same
 * SQS messages replayed twice), the stats API's scope and access rules, and the seeded demo day end to end.
 *
 * <p>Each test works in a province no other test uses (Cà Mau 96, Cần Thơ 92, An Giang 91), and the monitor is
 * given only that province, so it never touches other tests' dossiers.
 */
@ExtendWith(Suite.class)
class MonitoringIT {
    static final WorkingDayCalendar CAL = WorkingDayCalendar.standard();
    /**
     * How long a change may take from the table through the stream, router and stats queue to the counters. Alone
     * this is a few seconds; in the full suite the stats queue also carries every other test's changes (and a
     * message that met an injected fault comes back after its 90 s visibility timeout).
     */
    static final Duration STREAM_BACKLOG = Duration.ofSeconds(240);

    static String table() {
        Suite.start();
        return System.getProperty("DOSSIER_TABLE");
    }

    static DynamoDossierStore store() {
        return new DynamoDossierStore(AwsClients.dynamo(), table());
    }

    static Instant vn(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, ZoneOffset.ofHours(7)).toInstant();
    }

    static SlaMonitor monitorAt(Instant now, String province) {
        var dynamo = AwsClients.dynamo();
        return new SlaMonitor(store(), new DynamoDueIndex(dynamo, table()), new DynamoAgencyInbox(dynamo, table()),
                ProcedureCatalog.bundled(), CAL, new SlaMonitor.Policy(8, 5, 2000), List.of(province), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A dossier written through the store at {@code status}, as if filed at {@code at} (the stream routes it). */
    static String dossier(String commune, String province, String procedure, DossierStatus status, Channel channel, Role filer,
                          Instant at, Instant dueAt, Map<String, Object> attributes) {
        DynamoDossierStore store = store();
        String agency = "X" + commune + ".UBND";
        LocalDate day = at.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        for (int attempt = 0; attempt < 20; attempt++) {
            long last = store.lastSequence(agency, day);
            String code = DossierCode.of(agency, day, last + 1).toString();
            Actor by = new Actor(filer, filer.name().toLowerCase() + "-monitoring-it", null);
            Dossier d = new Dossier(code, procedure, 1, status, 1, agency, commune, province, channel,
                    new Applicant("001090008888", "Phạm Thị Theo Dõi", LocalDate.of(1990, 1, 1), "0900000088", null),
                    "monitoring-it-key", by, at, at, dueAt, Map.of(), attributes);
            try {
                store.create(d, List.of(), HistoryEvent.of(at, by, "FILED", null, status), last, null);
                return code;
            } catch (DossierStore.SequenceTakenException e) {
                // next number
            }
        }
        throw new AssertionError("no sequence number");
    }

    static long apply(String code, DossierStatus to, Map<String, Object> set, Instant at) {
        DynamoDossierStore store = store();
        Dossier d = store.find(code).orElseThrow();
        store.apply(new DossierStore.Change(code, d.version(), to, set, List.of(),
                new HistoryEvent(at, Actor.system("monitoring-it"), to == null ? "UPDATED" : to.name(), d.status(),
                        to == null ? d.status() : to, null, Map.of())));
        return d.version() + 1;
    }

    static Dossier find(String code) {
        return store().find(code).orElseThrow();
    }

    static long count(String code, String action) {
        return store().history(code).stream().filter(e -> e.action().equals(action)).count();
    }

    static String operator() {
        return Suite.api().token("OPERATOR", null, null, null);
    }

    static JsonNode stats(String query, String token) {
        Api.Response r = Suite.api().get("/stats?" + query, token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static JsonNode row(JsonNode stats, String key) {
        for (JsonNode row : stats.path("rows")) {
            if (row.path("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + stats);
    }

    @Test
    void dueSoonAndOverdueAcrossTet2027WithoutDoubleWarnings() {
        String p = "96";
        Instant now = vn(2027, 2, 4, 16, 0); // Thursday before Tết: days off Fri 5 .. Thu 11 February
        Instant filed = vn(2027, 1, 28, 9, 0);
        Map<String, Object> none = Map.of();
        String a = dossier("31825", p, "1.001193", DossierStatus.IN_PROGRESS, Channel.ONLINE, Role.CITIZEN, filed, vn(2027, 2, 12, 9, 0), none);
        String b = dossier("31825", p, "1.001193", DossierStatus.IN_PROGRESS, Channel.ONLINE, Role.CITIZEN, filed, vn(2027, 2, 15, 17, 0), none);
        String c = dossier("31834", p, "1.000894", DossierStatus.ACCEPTED, Channel.ONLINE, Role.CITIZEN, filed, vn(2027, 2, 4, 11, 0), none);
        String paused = dossier("31834", p, "1.000894", DossierStatus.SUPPLEMENT_REQUESTED, Channel.ONLINE, Role.CITIZEN, filed,
                vn(2027, 2, 4, 12, 0), Map.of("pausedAt", "2027-02-01T02:00:00Z"));
        String done = dossier("31834", p, "1.000894", DossierStatus.COMPLETED, Channel.ONLINE, Role.CITIZEN, filed, vn(2027, 2, 1, 12, 0), none);

        SlaMonitor.Report first = monitorAt(now, p).run();
        assertEquals(1, first.dueSoonWarned(), "A is 2 office hours away across Tết; B is 17: " + first);
        assertEquals(1, first.overdueFlagged(), "C was due at 11:00: " + first);
        assertEquals(0, first.failed());

        Dossier warned = find(a);
        assertEquals(now.toString(), warned.attributes().get("dueSoonWarnedAt").toString());
        assertFalse(Boolean.TRUE.equals(warned.attributes().get("overdue")));
        List<AgencyNotice> notices = new DynamoAgencyInbox(AwsClients.dynamo(), table()).recent("X31825.UBND", 50).stream()
                .filter(n -> n.kind() == AgencyNotice.Kind.DUE_SOON).toList();
        assertEquals(List.of(a), notices.stream().map(AgencyNotice::dossierCode).toList());

        Dossier late = find(c);
        assertEquals(Boolean.TRUE, late.attributes().get("overdue"));
        assertEquals(DossierStatus.ACCEPTED, late.status(), "overdue is a flag, not a status");
        @SuppressWarnings("unchecked")
        Map<String, Object> apology = (Map<String, Object>) late.attributes().get("apology");
        // default appointment: 5 working days from the receipt day (Thu 4) -> 12, 15, 16, 17, 18 February, 17:00
        assertEquals("2027-02-18T10:00:00Z", apology.get("newDueAt"));
        assertEquals(CAL.addWorkingDays(now, 5).due().toString(), apology.get("newDueAt"));
        assertEquals(vn(2027, 2, 4, 11, 0).toString(), apology.get("originalDueAt"));
        assertEquals("DEFAULT", apology.get("newDueSetBy"));
        assertNotNull(((Map<?, ?>) apology.get("reason")).get("vi"));
        assertEquals(1, find(paused).version(), "a stopped clock is not watched");
        assertEquals(1, find(done).version(), "a completed dossier is not watched");
        assertEquals(1, find(b).version());

        // repeated and overlapping runs change nothing
        long versionA = find(a).version();
        long versionC = find(c).version();
        for (Instant again : List.of(now, now, now.plus(Duration.ofMinutes(15)), now.plus(Duration.ofHours(20)))) {
            SlaMonitor.Report r = monitorAt(again, p).run();
            assertEquals(0, r.dueSoonWarned() + r.overdueFlagged(), "run at " + again + ": " + r);
        }
        assertEquals(versionA, find(a).version());
        assertEquals(versionC, find(c).version());
        assertEquals(1, count(a, "DUE_SOON_WARNED"));
        assertEquals(1, count(c, "OVERDUE_APOLOGY_ISSUED"));
        assertEquals(1, new DynamoAgencyInbox(AwsClients.dynamo(), table()).recent("X31825.UBND", 50).stream()
                .filter(n -> n.kind() == AgencyNotice.Kind.DUE_SOON).count());

        // first working day after Tết, 09:30: A is overdue; B is 15.5 office hours away, not yet due soon
        SlaMonitor.Report after = monitorAt(vn(2027, 2, 12, 9, 30), p).run();
        assertEquals(1, after.overdueFlagged(), after.toString());
        assertEquals(0, after.dueSoonWarned(), after.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> apologyA = (Map<String, Object>) find(a).attributes().get("apology");
        assertEquals("2027-02-19T10:00:00Z", apologyA.get("newDueAt"));
        SlaMonitor.Report monday = monitorAt(vn(2027, 2, 15, 9, 0), p).run();
        assertEquals(1, monday.dueSoonWarned(), "B is exactly 8 office hours away: " + monday);
        assertEquals(2, monday.overdueOpen());
        assertEquals(1, monday.dueSoonOpen());

        // the flags are on the dossier reads: status-api and the agency work queue
        Api api = Suite.api();
        JsonNode read = api.get("/dossiers/" + c, api.token("OFFICIAL", null, "X31834.UBND", p)).json();
        assertTrue(read.path("overdue").asBoolean(), read.toString());
        assertEquals("2027-02-18T10:00:00Z", read.path("apology").path("newDueAt").asText());
        assertTrue(read.has("dueSoonWarnedAt") && read.path("dueSoonWarnedAt").isNull(), "null until warned: " + read);
        JsonNode queue = api.get("/agencies/X31825.UBND/dossiers", api.token("OFFICIAL", null, "X31825.UBND", p)).json();
        boolean seen = false;
        for (JsonNode item : queue.path("items")) {
            if (item.path("code").asText().equals(a)) {
                seen = true;
                assertTrue(item.path("overdue").asBoolean(), item.toString());
                assertEquals(now.toString(), item.path("dueSoonWarnedAt").asText());
                assertEquals("2027-02-19T10:00:00Z", item.path("apology").path("newDueAt").asText());
            }
        }
        assertTrue(seen, "A in its agency's queue: " + queue);

        // the change went through the stream into the statistics, with the live overdue and due-soon values and the
        // warnings (the citizen's notice: see routerSendsTheApologyToTheCitizenAndTheStatistics)
        JsonNode s = Api.await(() -> stats("province=" + p + "&from=2027-02-04&to=2027-02-12&by=agency", operator()),
                j -> j.path("totals").path("becameOverdue").asLong() == 2, STREAM_BACKLOG);
        assertEquals(2, s.path("totals").path("overdueNow").asLong(), s.toString());
        assertEquals(1, s.path("totals").path("dueSoon").asLong(), s.toString());
        assertEquals("ALERT", row(s, "X31834.UBND").path("warning").asText(), "overdue, nothing completed");
        assertEquals(1, row(s, "X31825.UBND").path("dueSoon").asLong());
    }

    @Test
    void dueSoonAcrossNationalDay2027() {
        String p = "92";
        Instant now = vn(2027, 9, 1, 15, 0); // Wednesday; 2 and 3 September are off, then the weekend
        Instant filed = vn(2027, 8, 25, 9, 0);
        String monday = dossier("31120", p, "1.004194", DossierStatus.IN_PROGRESS, Channel.COUNTER, Role.OFFICIAL, filed, vn(2027, 9, 6, 10, 0), Map.of());
        String tuesday = dossier("31120", p, "1.004194", DossierStatus.IN_PROGRESS, Channel.COUNTER, Role.OFFICIAL, filed, vn(2027, 9, 7, 17, 0), Map.of());
        String holiday = dossier("31135", p, "1.004194", DossierStatus.IN_PROGRESS, Channel.ONLINE, Role.CITIZEN, filed, vn(2027, 9, 2, 8, 30), Map.of());

        SlaMonitor.Report r = monitorAt(now, p).run();
        assertEquals(2, r.dueSoonWarned(), r.toString());
        assertNotNull(find(monday).attributes().get("dueSoonWarnedAt"), "4 office hours away over four days off");
        assertNotNull(find(holiday).attributes().get("dueSoonWarnedAt"));
        assertEquals(null, find(tuesday).attributes().get("dueSoonWarnedAt"), "18 office hours away");

        // on the holiday itself the instant has passed: overdue; the new date counts from the next working day
        SlaMonitor.Report onHoliday = monitorAt(vn(2027, 9, 3, 10, 0), p).run();
        assertEquals(1, onHoliday.overdueFlagged(), onHoliday.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> apology = (Map<String, Object>) find(holiday).attributes().get("apology");
        assertEquals("2027-09-13T10:00:00Z", apology.get("newDueAt"), "receipt Mon 6, then 7, 8, 9, 10, 13 September");
        assertEquals(0, monitorAt(vn(2027, 9, 3, 10, 15), p).run().overdueFlagged());
        assertEquals(null, find(monday).attributes().get("overdue"));
    }

    /**
     * The overdue flag is a committed change without a status change: the router sends the citizen's apology notice
     * (DossierNotice OVERDUE, which the notifier renders with the apology's new date) and a count to the statistics.
     * Checked on queues of this test's own, with the router's real handler and the sample stream record.
     */
    @Test
    void routerSendsTheApologyToTheCitizenAndTheStatistics() throws Exception {
        Suite.start();
        var sqs = AwsClients.sqs();
        String notify = sqs.createQueue(b -> b.queueName("monitoring-it-notify-" + UUID.randomUUID())).queueUrl();
        String stats = sqs.createQueue(b -> b.queueName("monitoring-it-stats-" + UUID.randomUUID())).queueUrl();
        var router = new vn.dvc.events.DossierEventsHandler(sqs, Map.of(vn.dvc.core.dossier.StepRouting.Step.NOTIFY, notify,
                vn.dvc.core.dossier.StepRouting.Step.STATS, stats));
        var event = com.amazonaws.services.lambda.runtime.tests.EventLoader.loadDynamoDbEvent(
                ContractIT.ROOT.resolve("events/dossier-events/stream-overdue-flag.json").toString());
        for (int delivery = 0; delivery < 2; delivery++) { // a duplicated stream record sends twice; consumers dedupe
            assertEquals(List.of(), router.handleRequest(event, new vn.dvc.local.LocalContext("DossierEventsFunction", 60))
                    .getBatchItemFailures());
        }
        var toCitizen = sqs.receiveMessage(b -> b.queueUrl(notify).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertEquals(2, toCitizen.size());
        JsonNode notice = Json.tree(toCitizen.get(0).body());
        assertEquals("DossierNotice", notice.path("type").asText());
        assertEquals("OVERDUE", notice.path("event").asText());
        assertEquals(5, notice.path("version").asLong());
        JsonNode count = Json.tree(sqs.receiveMessage(b -> b.queueUrl(stats).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages().get(0).body());
        assertEquals("OVERDUE", count.path("event").asText());
        assertEquals(toCitizen.get(0).body(), toCitizen.get(1).body(), "same version, same message: the notifier's"
                + " notification id and the aggregator's dedupe key are derived from it");
    }

    /** One message of the stream router, as it sends them. */
    static Map<String, Object> message(String type, String code, DossierStatus from, DossierStatus to, long version, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("eventId", "replayed-" + code + "-" + version);
        m.put("dossierCode", code);
        if (from != null) m.put("from", from.name());
        if (to != null) m.put("to", to.name());
        if (type.equals("DossierNotice")) m.put("event", "OVERDUE");
        m.put("version", version);
        m.put("at", at.toString());
        return m;
    }

    @Test
    void countersExactUnderDuplicateDeliveries() {
        String p = "91";
        Instant t = vn(2026, 10, 5, 9, 0); // Monday
        Instant due = vn(2026, 10, 9, 17, 0);
        List<Map<String, Object>> messages = new ArrayList<>();
        // 1: online, paid, completed on time with a signed electronic result, rated 5
        String one = dossier("30292", p, "1.001193", DossierStatus.RECEIVED, Channel.ONLINE, Role.CITIZEN, t, null, Map.of());
        messages.add(message("DossierStatusChanged", one, null, DossierStatus.RECEIVED, 1, t));
        long v = apply(one, DossierStatus.ACCEPTED, Map.of("dueAt", due, "paidAmount", 8000L), t.plusSeconds(60));
        messages.add(message("DossierStatusChanged", one, DossierStatus.RECEIVED, DossierStatus.ACCEPTED, v, t.plusSeconds(60)));
        v = apply(one, DossierStatus.IN_PROGRESS, Map.of(), t.plusSeconds(120));
        messages.add(message("DossierStatusChanged", one, DossierStatus.ACCEPTED, DossierStatus.IN_PROGRESS, v, t.plusSeconds(120)));
        Instant completed = vn(2026, 10, 5, 15, 0);
        v = apply(one, DossierStatus.COMPLETED, Map.of("completedAt", completed, "result", Map.of("sha256", "00")), completed);
        messages.add(message("DossierStatusChanged", one, DossierStatus.IN_PROGRESS, DossierStatus.COMPLETED, v, completed));
        v = apply(one, null, Map.of("rating", Map.of("score", 5), "ratingScore", 5L), completed.plusSeconds(60));
        messages.add(message("DossierRated", one, null, null, v, completed.plusSeconds(60)));
        // 2: at the counter, no fee, completed after its due date
        String two = dossier("30307", p, "1.000894", DossierStatus.RECEIVED, Channel.COUNTER, Role.OFFICIAL, t, null, Map.of());
        messages.add(message("DossierStatusChanged", two, null, DossierStatus.RECEIVED, 1, t));
        v = apply(two, DossierStatus.ACCEPTED, Map.of("dueAt", vn(2026, 10, 5, 10, 0)), t.plusSeconds(60));
        messages.add(message("DossierStatusChanged", two, DossierStatus.RECEIVED, DossierStatus.ACCEPTED, v, t.plusSeconds(60)));
        v = apply(two, DossierStatus.IN_PROGRESS, Map.of(), t.plusSeconds(120));
        v = apply(two, DossierStatus.COMPLETED, Map.of("completedAt", completed), completed);
        messages.add(message("DossierStatusChanged", two, DossierStatus.IN_PROGRESS, DossierStatus.COMPLETED, v, completed));
        // 3: filed by an assistant (assisted); 4: online, then withdrawn
        String three = dossier("30292", p, "1.001193", DossierStatus.RECEIVED, Channel.ONLINE, Role.ASSISTANT, t, null, Map.of());
        messages.add(message("DossierStatusChanged", three, null, DossierStatus.RECEIVED, 1, t));
        String four = dossier("30292", p, "1.004194", DossierStatus.RECEIVED, Channel.ONLINE, Role.CITIZEN, t, null, Map.of());
        messages.add(message("DossierStatusChanged", four, null, DossierStatus.RECEIVED, 1, t));
        v = apply(four, DossierStatus.WITHDRAWN, Map.of(), t.plusSeconds(300));
        messages.add(message("DossierStatusChanged", four, DossierStatus.RECEIVED, DossierStatus.WITHDRAWN, v, t.plusSeconds(300)));

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("received", 4L);
        expected.put("online", 2L);
        expected.put("counter", 1L);
        expected.put("assisted", 1L);
        expected.put("accepted", 2L);
        expected.put("paidOnline", 1L);
        expected.put("completed", 2L);
        expected.put("completedOnTime", 1L);
        expected.put("completedLate", 1L);
        expected.put("digitisedResults", 1L);
        expected.put("withdrawn", 1L);
        expected.put("ratingCount", 1L);
        expected.put("ratingSum", 5L);
        String query = "province=" + p + "&from=2026-10-05&to=2026-10-05&by=agency";
        // the stream's own deliveries first ...
        JsonNode before = Api.await(() -> stats(query, operator()), j -> matches(j.path("totals"), expected), STREAM_BACKLOG);

        // ... then every message again, each twice in one batch, and the whole batch twice
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Map<String, Object> m : messages) {
            for (int copy = 0; copy < 2; copy++) {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId(UUID.randomUUID().toString());
                record.setBody(Json.write(m));
                record.setAttributes(Map.of("ApproximateReceiveCount", "2"));
                record.setEventSourceArn("arn:aws:sqs:ap-southeast-1:000000000000:StatsQueue");
                records.add(record);
            }
        }
        SQSEvent batch = new SQSEvent();
        batch.setRecords(records);
        for (int round = 0; round < 2; round++) {
            var response = (SQSBatchResponse) Suite.suite().functions().invoke("StatsAggregatorFunction", batch);
            assertEquals(List.of(), response.getBatchItemFailures());
        }
        JsonNode after = stats(query, operator());
        assertTrue(matches(after.path("totals"), expected), after.path("totals").toString());
        assertEquals(before.path("totals").toString(), after.path("totals").toString(), "nothing counted twice");
        assertEquals(0.5, after.path("totals").path("onTimeRate").asDouble());
        assertEquals(0.5, after.path("totals").path("onlineRate").asDouble());
        assertEquals(5.0, after.path("totals").path("satisfaction").asDouble());
        // the ranking: X30307 (0% on time) before X30292 (100%)
        List<String> keys = new ArrayList<>();
        after.path("rows").forEach(r -> keys.add(r.path("key").asText()));
        assertEquals(List.of("X30307.UBND", "X30292.UBND"), keys);
        assertEquals(3, row(after, "X30292.UBND").path("received").asLong());
        assertEquals("WATCH", row(after, "X30307.UBND").path("warning").asText(), "0% on time, nothing overdue now");
        // breakdowns and the trend
        JsonNode byProcedure = stats("province=" + p + "&from=2026-10-05&to=2026-10-05&by=procedure", operator());
        assertEquals(2, row(byProcedure, "1.001193").path("received").asLong());
        assertTrue(row(byProcedure, "1.001193").path("name").asText().startsWith("Đăng ký khai sinh"), byProcedure.toString());
        JsonNode byDay = stats("province=" + p + "&from=2026-10-04&to=2026-10-06&by=day", operator());
        assertEquals(3, byDay.path("rows").size());
        assertEquals("2026-10-05", byDay.path("rows").get(1).path("key").asText());
        assertEquals(4, byDay.path("rows").get(1).path("received").asLong());
        assertEquals(0, byDay.path("rows").get(2).path("received").asLong());
        // an agency's and a commune's own view agree with the province's rows
        JsonNode agency = stats("from=2026-10-05&to=2026-10-05", Suite.api().token("OFFICIAL", null, "X30292.UBND", p));
        assertEquals("agency", agency.path("scope").path("kind").asText());
        assertEquals(3, agency.path("totals").path("received").asLong());
        JsonNode commune = stats("commune=30307&from=2026-10-05&to=2026-10-05&by=procedure", operator());
        assertEquals(1, commune.path("totals").path("completedLate").asLong());
    }

    static boolean matches(JsonNode totals, Map<String, Long> expected) {
        return expected.entrySet().stream().allMatch(e -> totals.path(e.getKey()).asLong(-1) == e.getValue());
    }

    @Test
    void scopeAndAccess() {
        Api api = Suite.api();
        String supervisor01 = api.token("SUPERVISOR", null, null, "01");
        String official = api.token("OFFICIAL", null, "X00004.UBND", "01");
        Api.Response foreignProvince = api.get("/stats?province=79", supervisor01);
        assertEquals(403, foreignProvince.status(), foreignProvince.body());
        assertEquals("STATS_SCOPE_FORBIDDEN", foreignProvince.json().path("code").asText());
        assertFalse(foreignProvince.json().path("messages").path("vi").asText().isBlank());
        assertEquals(403, api.get("/stats?agency=X26824.UBND", supervisor01).status(), "an agency of another province");
        assertEquals(200, api.get("/stats?agency=X00070.UBND", supervisor01).status(), "an agency inside the province");
        assertEquals(403, api.get("/stats?agency=X00070.UBND", official).status(), "official, other agency");
        assertEquals(403, api.get("/stats?province=01", official).status(), "official, whole province");
        assertEquals(200, api.get("/stats?agency=X00004.UBND", official).status());
        assertEquals(403, api.get("/stats", api.citizen("001090000001")).status());
        assertEquals(403, api.get("/stats", api.token("ASSISTANT", null, "X00004.TTPVHCC", "01")).status());
        assertEquals(401, api.get("/stats", null).status());
        Api.Response badDate = api.get("/stats?from=2026-02-30", supervisor01);
        assertEquals(400, badDate.status());
        assertEquals("BAD_DATE", badDate.json().path("code").asText());
        assertEquals(400, api.get("/stats?from=2025-01-01&to=2026-11-01", supervisor01).status());
        assertEquals(400, api.get("/stats?province=01&commune=00004", operator()).status());
        // an old province code answers for the province it became, and says so
        var old = AdministrativeUnits.get().oldProvinces().stream()
                .filter(o -> AdministrativeUnits.get().province(o.code()).isEmpty()).findFirst().orElseThrow();
        JsonNode resolved = stats("province=" + old.code(), operator());
        assertEquals(old.code(), resolved.path("scope").path("resolvedFrom").asText());
        assertEquals(old.newProvinceCode(), resolved.path("scope").path("code").asText());
        JsonNode own = stats("", supervisor01);
        assertEquals("province", own.path("scope").path("kind").asText());
        assertEquals("Thành phố Hà Nội", own.path("scope").path("name").asText());
        assertTrue(own.path("scope").has("resolvedFrom"), "resolvedFrom is present (null): " + own.path("scope"));
    }

    @Test
    void demoDayEndToEnd() {
        DemoMonitoring.Seeded seeded = DemoMonitoring.seed(Suite.suite());
        String supervisor = Suite.api().token("SUPERVISOR", null, null, DemoMonitoring.PROVINCE);
        JsonNode s = Api.await(() -> stats("by=agency", supervisor),
                j -> j.path("totals").path("completed").asLong() >= 6 && j.path("totals").path("received").asLong() >= 12
                        && j.path("totals").path("ratingCount").asLong() >= 2 && j.path("totals").path("completedLate").asLong() >= 1
                        && j.path("totals").path("assisted").asLong() >= 1 && j.path("totals").path("counter").asLong() >= 1,
                STREAM_BACKLOG);
        JsonNode t = s.path("totals");
        assertTrue(t.path("overdueNow").asLong() >= 1, t.toString());
        assertTrue(t.path("dueSoon").asLong() >= 1, t.toString());
        assertTrue(t.path("completedLate").asLong() >= 1, t.toString());
        assertTrue(t.path("online").asLong() >= 1 && t.path("counter").asLong() >= 1 && t.path("assisted").asLong() >= 1, t.toString());
        assertTrue(s.path("rows").size() >= 4, "several agencies ranked: " + s.path("rows"));
        List<String> warnings = new ArrayList<>();
        s.path("rows").forEach(r -> warnings.add(r.path("warning").asText()));
        assertTrue(warnings.contains("ALERT") || warnings.contains("WATCH"), warnings.toString());
        // the overdue demo dossier carries its apology slip on its read
        JsonNode read = Suite.api().get("/dossiers/" + seeded.overdue(), supervisor).json();
        assertTrue(read.path("overdue").asBoolean(), read.toString());
        assertFalse(read.path("apology").path("newDueAt").asText().isEmpty(), read.toString());
        assertFalse(Suite.api().get("/dossiers/" + seeded.dueSoon(), supervisor).json().path("dueSoonWarnedAt").asText().isEmpty());
        JsonNode byCommune = stats("by=commune", supervisor);
        assertTrue(byCommune.path("rows").size() >= 4, byCommune.path("rows").toString());
        JsonNode byProcedure = stats("by=procedure", supervisor);
        assertTrue(byProcedure.path("rows").size() >= 4, byProcedure.path("rows").toString());
    }

    // ---- the agency's own new appointment date (issue 8, session 13:50)
    /**
     * An official of the dossier's agency sets the new appointment of an overdue dossier over HTTP (action
     * reschedule): the apology slip now shows the agency's date (the monitor's default slip recorded as replaced, both
     * in the history), the citizen is told (local outbox), the monitor's next runs keep the date, and the dossier is
     * overdue again only after it. Bad dates 422, foreign officials / citizens / supervisors 403, a dossier neither
     * overdue nor due soon 409. Real clock (the processing API's), province 46 (no other test uses it).
     */
    @Test
    void theAgencySetsTheNewAppointmentAndTheMonitorKeepsIt() {
        String p = "46";
        Api api = Suite.api();
        Instant now = Instant.now();
        String late = dossier("19753", p, "1.001193", DossierStatus.IN_PROGRESS, Channel.ONLINE, Role.CITIZEN,
                now.minus(Duration.ofDays(12)), now.minus(Duration.ofDays(2)), Map.of());
        String onTime = dossier("19753", p, "1.001193", DossierStatus.IN_PROGRESS, Channel.ONLINE, Role.CITIZEN,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20)), Map.of());
        assertTrue(monitorAt(now, p).flagOverdue(late, now));
        @SuppressWarnings("unchecked")
        Map<String, Object> defaultSlip = (Map<String, Object>) find(late).attributes().get("apology");
        assertEquals("DEFAULT", defaultSlip.get("newDueSetBy"));
        String supervisor = api.token("SUPERVISOR", null, null, p);
        assertEquals(1, overdueNow(api, supervisor, "X19753.UBND"));

        String official = api.token("OFFICIAL", null, "X19753.UBND", p);
        LocalDate today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        LocalDate day = today.plusDays(1);
        for (int n = 0; n < 3 || !CAL.isWorkingDay(day); ) { // the third working day after today
            if (CAL.isWorkingDay(day) && ++n == 3) break;
            day = day.plusDays(1);
        }
        LocalDate weekend = today.plusDays(1);
        while (CAL.isWorkingDay(weekend)) weekend = weekend.plusDays(1);
        Map<String, Object> reason = Map.of("vi", "Cần xác minh thêm với cơ quan công an", "en", "Further checks with the police are needed");

        // refused: a foreign official (403 + audit), the citizen, a supervisor; bad dates 422; on-time dossier 409
        Api.Response foreign = api.post("/dossiers/" + late + "/actions", api.token("OFFICIAL", null, "X00004.UBND", "01"),
                Map.of("action", "reschedule", "newDueDate", day.toString(), "reason", reason), Map.of());
        assertEquals(403, foreign.status(), foreign.body());
        assertEquals("FOREIGN_AGENCY", foreign.json().path("code").asText());
        assertEquals(403, api.post("/dossiers/" + late + "/actions", api.citizen("001090008888"),
                Map.of("action", "reschedule", "newDueDate", day.toString(), "reason", reason), Map.of()).status());
        assertEquals(403, api.post("/dossiers/" + late + "/actions", api.token("SUPERVISOR", null, null, p),
                Map.of("action", "reschedule", "newDueDate", day.toString(), "reason", reason), Map.of()).status());
        for (var bad : Map.of(weekend.toString(), "NOT_A_WORKING_DAY", today.toString(), "NOT_AFTER_TODAY",
                "01/12/2026", "BAD_DATE").entrySet()) {
            Api.Response r = api.post("/dossiers/" + late + "/actions", official,
                    Map.of("action", "reschedule", "newDueDate", bad.getKey(), "reason", reason), Map.of());
            assertEquals(422, r.status(), r.body());
            assertEquals(bad.getValue(), r.json().path("details").path(0).path("code").asText(), r.body());
            assertFalse(r.json().path("messages").path("vi").asText().isEmpty());
        }
        Api.Response noReason = api.post("/dossiers/" + late + "/actions", official,
                Map.of("action", "reschedule", "newDueDate", day.toString()), Map.of());
        assertEquals(422, noReason.status(), noReason.body());
        Api.Response notLate = api.post("/dossiers/" + onTime + "/actions", official,
                Map.of("action", "reschedule", "newDueDate", day.toString(), "reason", reason), Map.of());
        assertEquals(409, notLate.status(), notLate.body());
        assertEquals("NOT_OVERDUE_OR_DUE_SOON", notLate.json().path("code").asText());
        assertEquals(1, count(late, "OVERDUE_APOLOGY_ISSUED"));
        assertEquals(0, count(late, "APPOINTMENT_RESCHEDULED"), "nothing refused changed the dossier");

        // the agency's date, conditional on the version the official saw
        long version = find(late).version();
        Api.Response stale = api.post("/dossiers/" + late + "/actions", official, Map.of("action", "reschedule",
                "newDueDate", day.toString(), "reason", reason, "expectedVersion", version - 1), Map.of());
        assertEquals(409, stale.status(), stale.body());
        Api.Response done = api.post("/dossiers/" + late + "/actions", official, Map.of("action", "reschedule",
                "newDueDate", day.toString(), "reason", reason, "expectedVersion", version), Map.of());
        assertEquals(200, done.status(), done.body());
        Instant newDue = day.atTime(17, 0).atZone(WorkingDayCalendar.ZONE).toInstant();
        assertEquals(newDue.toString(), done.json().path("apology").path("newDueAt").asText(), done.body());
        assertEquals("AGENCY", done.json().path("apology").path("newDueSetBy").asText());
        assertEquals("DEFAULT", done.json().path("apology").path("replaces").path("newDueSetBy").asText());
        assertEquals(defaultSlip.get("newDueAt"), done.json().path("apology").path("replaces").path("newDueAt").asText());
        JsonNode shown = api.get("/dossiers/" + late, official).json();
        assertEquals(newDue.toString(), shown.path("apology").path("newDueAt").asText(), shown.toString());
        assertEquals("Cần xác minh thêm với cơ quan công an", shown.path("apology").path("reason").path("vi").asText());
        assertFalse(shown.path("overdue").asBoolean(), "overdue again only after the agency's date");
        assertEquals(1, overdueNow(api, supervisor, "X19753.UBND"),
                "past its statutory date with the agency's new date pending: still counted overdue (a new date hides nothing)");
        assertEquals(1, count(late, "OVERDUE_APOLOGY_ISSUED"));
        assertEquals(1, count(late, "APPOINTMENT_RESCHEDULED"));
        JsonNode history = api.get("/dossiers/" + late + "/history", official).json();
        assertTrue(history.toString().contains("APPOINTMENT_RESCHEDULED") && history.toString().contains("OVERDUE_APOLOGY_ISSUED"),
                "the history records both slips: " + history);

        // the citizen hears of it (stream -> router DossierNotice RESCHEDULED -> notifier -> local outbox)
        JsonNode told = Api.await(() -> api.get("/_local/outbox?dossier=" + late, null).json(),
                o -> o.toString().contains("Hẹn lại ngày trả kết quả"), STREAM_BACKLOG);
        assertTrue(told.toString().contains(day.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")))
                || told.toString().contains(day.toString()), "the new date is in the message: " + told);

        // the monitor's next runs keep the agency's date; after it the dossier is overdue again (a new default slip)
        long kept = find(late).version();
        assertEquals(false, monitorAt(now.plus(Duration.ofMinutes(15)), p).flagOverdue(late, now.plus(Duration.ofMinutes(15))));
        monitorAt(now.plus(Duration.ofHours(1)), p).run();
        monitorAt(newDue.minus(Duration.ofMinutes(1)), p).run();
        @SuppressWarnings("unchecked")
        Map<String, Object> still = (Map<String, Object>) find(late).attributes().get("apology");
        assertEquals(newDue.toString(), still.get("newDueAt"));
        assertEquals("AGENCY", still.get("newDueSetBy"));
        assertTrue(find(late).version() <= kept + 1, "at most the due-soon warning before the agency's date");
        Instant after = newDue.plus(Duration.ofMinutes(1));
        monitorAt(after, p).run();
        Dossier again = find(late);
        assertEquals(true, again.attributes().get("overdue"), "overdue again after the agency's date");
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) again.attributes().get("apology");
        assertEquals("DEFAULT", second.get("newDueSetBy"));
        assertEquals("AGENCY", ((Map<?, ?>) second.get("replaces")).get("newDueSetBy"));
        assertEquals(2, count(late, "OVERDUE_APOLOGY_ISSUED"));
        assertEquals(1, overdueNow(api, supervisor, "X19753.UBND"));
    }

    private static long overdueNow(Api api, String supervisor, String agency) {
        Api.Response r = api.get("/stats?agency=" + agency, supervisor);
        assertEquals(200, r.status(), r.body());
        return r.json().path("totals").path("overdueNow").asLong();
    }
}
