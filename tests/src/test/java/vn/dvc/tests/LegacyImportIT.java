package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.json.Json;

/**
 * The legacy importer through the real S3 path of the local suite: a generated export of 10,000 rows dropped under
 * {@code imports/<system>/}, the S3 notification, the handler, the dossier table, the reports. Checks the counts
 * of every outcome, the routing of merged and split communes and of provincial procedures, the deadlines kept,
 * the report's content, and that importing the same file again changes no item.
 */
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyImportIT {
    static final int ROWS = 10_000;
    final String system = "tinh-cu-" + UUID.randomUUID().toString().substring(0, 8);
    final String key = "imports/" + system + "/ho-so-ton-" + ROWS + ".csv";
    final String summaryKey = "import-reports/" + system + "/ho-so-ton-" + ROWS + ".csv.summary.json";
    final String reportKey = "import-reports/" + system + "/ho-so-ton-" + ROWS + ".csv.report.json";
    List<LegacyFileGenerator.Row> rows;
    String bucket;
    String table;
    byte[] file;
    JsonNode firstSummary;
    Instant importStarted;
    Instant importFinished;

    @BeforeAll
    void importOnce() throws Exception {
        bucket = Suite.suite().names().bucketName("DocumentBucket");
        table = Suite.suite().names().tableName("DossierTable");
        rows = new LegacyFileGenerator(8, system.toUpperCase()).rows(ROWS);
        StringWriter csv = new StringWriter();
        LegacyFileGenerator.writeCsv(rows, csv);
        file = csv.toString().getBytes(StandardCharsets.UTF_8);
        importStarted = Instant.now();
        AwsClients.s3().putObject(b -> b.bucket(bucket).key(key).contentType("text/csv"), RequestBody.fromBytes(file));
        firstSummary = awaitSummary(null);
        importFinished = Instant.now();
        System.out.printf("legacy import of %d rows (%d bytes) through S3: %s%n", ROWS, file.length, firstSummary);
    }

    /**
     * The import writes ~45,000 items, all on the table's stream: wait until the local stream router has caught up,
     * so the test classes that run after this one in the same suite do not wait behind the backlog.
     */
    @AfterAll
    void letTheStreamCatchUp() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 900_000;
        long last = -1;
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long now = Suite.suite().functions().invocationCounts().getOrDefault("DossierEventsFunction", 0L);
            if (now != last) {
                last = now;
                stableSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stableSince > 10_000) {
                return;
            }
            Thread.sleep(500);
        }
    }

    @Test
    void countsPerOutcomeMatchTheGeneratedFile() {
        long routed = rows.stream().filter(r -> r.expected() instanceof LegacyFileGenerator.Routed).count();
        long manual = rows.stream().filter(r -> r.expected() instanceof LegacyFileGenerator.Manual).count();
        Map<String, Long> reasons = new TreeMap<>();
        rows.stream().filter(r -> r.expected() instanceof LegacyFileGenerator.Failed)
                .forEach(r -> reasons.merge(((LegacyFileGenerator.Failed) r.expected()).code(), 1L, Long::sum));
        long failed = reasons.values().stream().mapToLong(Long::longValue).sum();
        assertEquals("COMPLETE", firstSummary.path("status").asText());
        assertEquals(ROWS, firstSummary.path("rows").asInt());
        assertEquals(routed + manual, firstSummary.path("imported").asLong(), firstSummary.toString());
        assertEquals(manual, firstSummary.path("routedManually").asLong());
        assertEquals(0, firstSummary.path("duplicates").asLong());
        assertEquals(failed, firstSummary.path("failed").asLong());
        Map<String, Long> byReason = new TreeMap<>();
        firstSummary.path("byReason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
        assertEquals(reasons, byReason);
        assertEquals(7, reasons.size(), "every kind of bad row is in the file");
        assertEquals(8_000, routed);
        assertEquals(1_000, manual);
    }

    @Test
    void reportListsEveryFailedRowWithItsReasonInBothLanguages() throws Exception {
        JsonNode report = Json.tree(AwsClients.s3().getObjectAsBytes(b -> b.bucket(bucket).key(reportKey)).asUtf8String());
        Map<Integer, String> expected = new TreeMap<>();
        rows.stream().filter(r -> r.expected() instanceof LegacyFileGenerator.Failed)
                .forEach(r -> expected.put(r.row(), ((LegacyFileGenerator.Failed) r.expected()).code()));
        Map<Integer, String> reported = new TreeMap<>();
        for (JsonNode e : report.path("errors")) {
            reported.put(e.path("row").asInt(), e.path("code").asText());
            assertFalse(e.path("reason").path("vi").asText().isBlank());
            assertFalse(e.path("reason").path("en").asText().isBlank());
            assertFalse(e.toString().contains("Nguyễn Văn Thử"), "no personal data in the report");
        }
        assertEquals(expected, reported);
        JsonNode unknownUnit = null;
        for (JsonNode e : report.path("errors")) {
            if (e.path("code").asText().equals("UNKNOWN_UNIT")) {
                unknownUnit = e;
                break;
            }
        }
        assertNotNull(unknownUnit);
        assertEquals("old_commune_code", unknownUnit.path("field").asText());
        assertTrue(unknownUnit.path("reason").path("vi").asText().contains("đơn vị hành chính"), unknownUnit.toString());
        assertEquals(firstSummary, report.path("summary"));
    }

    @Test
    void everyImportedDossierIsRoutedAndKeepsItsDatesAndStatus() {
        Map<String, Map<String, AttributeValue>> imported = importedDossiers();
        WorkingDayCalendar calendar = WorkingDayCalendar.standard();
        int checkedSplitByAddress = 0;
        for (LegacyFileGenerator.Row r : rows) {
            Map<String, AttributeValue> item = imported.get(r.fields().get("original_code"));
            if (r.expected() instanceof LegacyFileGenerator.Failed) {
                assertEquals(null, item, "row " + r.row() + " must not be imported");
                continue;
            }
            assertNotNull(item, "row " + r.row() + " imported");
            String code = item.get("code").s();
            if (r.expected() instanceof LegacyFileGenerator.Routed routed) {
                assertEquals(routed.agencyId(), item.get("agencyId").s(), "row " + r.row() + " " + routed.how());
                assertEquals(routed.communeCode(), text(item, "communeCode"), "row " + r.row());
                assertTrue(code.startsWith(routed.agencyId() + "-"), code);
                assertFalse(item.containsKey("routingQueue"));
                if (routed.how().equals("split-by-address")) {
                    checkedSplitByAddress++;
                }
            } else {
                LegacyFileGenerator.Manual manual = (LegacyFileGenerator.Manual) r.expected();
                assertEquals("T" + manual.provinceCode() + ".TTPVHCC", item.get("agencyId").s(), "row " + r.row());
                assertEquals("MANUAL", item.get("routingQueue").s());
                List<String> candidates = stringList(item.get("routingCandidates"));
                assertEquals(manual.candidates(), candidates);
                assertEquals(null, text(item, "communeCode"));
            }
            // dates: receipt kept as the creation time; the due date kept, or recomputed from the remaining days
            Instant received = receivedAt(r.fields().get("received_at"));
            assertEquals(received, Instant.parse(item.get("createdAt").s()), "row " + r.row());
            Instant due = Instant.parse(item.get("dueAt").s());
            String dueDate = r.fields().get("due_date");
            if (!dueDate.isEmpty()) {
                assertEquals(LocalDate.parse(dueDate).atTime(calendar.officeHours().closing())
                        .atZone(WorkingDayCalendar.ZONE).toInstant(), due, "row " + r.row());
            } else {
                int remaining = Integer.parseInt(r.fields().get("remaining_working_days"));
                assertFalse(due.isBefore(calendar.addWorkingDays(importStarted, remaining).due()), "row " + r.row());
                assertFalse(due.isAfter(calendar.addWorkingDays(importFinished, remaining).due()), "row " + r.row());
                assertEquals(remaining, Integer.parseInt(item.get("remainingWorkingDaysAtImport").n()));
            }
            assertEquals(system, item.get("importedFrom").s());
            assertEquals(r.fields().get("original_code"), item.get("originalCode").s());
            String expectedStatus = switch (r.row() % 4) {
                case 0 -> "ACCEPTED";
                case 1, 2 -> "IN_PROGRESS";
                default -> "SUPPLEMENT_REQUESTED";
            };
            assertEquals(expectedStatus, item.get("status").s(), "row " + r.row());
        }
        assertEquals(500, checkedSplitByAddress);
    }

    @Test
    void historySaysImportedFromTheSystemAndDocumentsAreLinked() {
        DynamoDossierStore store = new DynamoDossierStore(Suite.suite().dynamo(), table);
        LegacyFileGenerator.Row withDocuments = rows.stream()
                .filter(r -> !(r.expected() instanceof LegacyFileGenerator.Failed) && !r.fields().get("documents").isEmpty())
                .findFirst().orElseThrow();
        String code = importedDossiers().get(withDocuments.fields().get("original_code")).get("code").s();
        List<HistoryEvent> history = store.history(code);
        assertEquals(1, history.size());
        assertEquals("IMPORTED", history.get(0).action());
        assertEquals("imported from " + system, history.get(0).reason().en());
        assertEquals("Nhập từ hệ thống " + system, history.get(0).reason().vi());
        var components = store.components(code);
        assertEquals(2, components.size());
        assertTrue(components.stream().anyMatch(c -> c.code().equals("to-khai") && c.objectKey().startsWith("legacy/")
                && c.state().name().equals("RECEIVED")));
        assertTrue(components.stream().anyMatch(c -> c.substitutedBy() != null && c.substitutedBy().startsWith("LEGACY_URL:https://")));
    }

    @Test
    void splitCommunesWithoutEnoughDetailWaitInTheProvinceRoutingQueue() {
        LegacyFileGenerator.Row row = rows.stream().filter(r -> r.expected() instanceof LegacyFileGenerator.Manual)
                .findFirst().orElseThrow();
        String province = ((LegacyFileGenerator.Manual) row.expected()).provinceCode();
        Map<String, AttributeValue> item = importedDossiers().get(row.fields().get("original_code"));
        String code = item.get("code").s();
        String supervisor = Suite.api().token("SUPERVISOR", null, null, province);
        String cursor = null;
        boolean found = false;
        for (int page = 0; page < 50 && !found; page++) {
            Api.Response r = Suite.api().get("/provinces/" + province + "/routing-queue?limit=100&status="
                    + item.get("status").s() + (cursor == null ? "" : "&cursor=" + cursor), supervisor);
            assertEquals(200, r.status(), r.body());
            for (JsonNode d : r.json().path("items")) {
                found |= d.path("code").asText().equals(code);
            }
            cursor = r.json().path("nextCursor").asText(null);
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        assertTrue(found, code + " in the routing queue of " + province);
    }

    @Test
    void reimportingTheSameFileChangesNothing() throws Exception {
        String before = fingerprint();
        String firstFinished = firstSummary.path("finishedAt").asText();
        AwsClients.s3().putObject(b -> b.bucket(bucket).key(key).contentType("text/csv"), RequestBody.fromBytes(file));
        JsonNode again = awaitSummary(firstFinished);
        assertEquals(0, again.path("imported").asLong(), again.toString());
        assertEquals(firstSummary.path("imported").asLong(), again.path("duplicates").asLong());
        assertEquals(firstSummary.path("failed").asLong(), again.path("failed").asLong());
        assertEquals(before, fingerprint(), "no item of the import changed");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private JsonNode awaitSummary(String notFinishedAt) throws Exception {
        // generous: a shared, overloaded CI machine imports far slower than Lambda against DynamoDB (see the notes)
        long deadline = System.currentTimeMillis() + 1_500_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                JsonNode s = Json.tree(AwsClients.s3().getObjectAsBytes(b -> b.bucket(bucket).key(summaryKey)).asUtf8String());
                if (s.path("status").asText().equals("COMPLETE") && !s.path("finishedAt").asText().equals(notFinishedAt)) {
                    return s;
                }
            } catch (NoSuchKeyException e) {
                // not yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no import summary at " + summaryKey);
    }

    /** The META items of this system's imported dossiers by original code. */
    private Map<String, Map<String, AttributeValue>> importedDossiers() {
        if (imported == null) {
            imported = scanImported();
        }
        return imported;
    }

    private Map<String, Map<String, AttributeValue>> imported;

    private Map<String, Map<String, AttributeValue>> scanImported() {
        Map<String, Map<String, AttributeValue>> byOriginal = new HashMap<>();
        for (var item : scan("importedFrom = :s AND sk = :meta", Map.of(":s", AttributeValue.fromS(system),
                ":meta", AttributeValue.fromS("META")))) {
            byOriginal.put(item.get("originalCode").s(), item);
        }
        return byOriginal;
    }

    /**
     * A digest of every item the import wrote: the dossiers (META, components, history), the identity records,
     * the sequence counters of their agencies and days, and the number of items. Equal before and after a
     * re-import only if nothing was added, removed or changed.
     */
    private String fingerprint() throws Exception {
        var imported = scanImported();
        List<String> lines = new ArrayList<>();
        java.util.Set<String> seqKeys = new java.util.HashSet<>();
        for (var meta : imported.values()) {
            String code = meta.get("code").s();
            var parsed = vn.dvc.core.dossier.DossierCode.parse(code).orElseThrow();
            seqKeys.add("SEQ#" + vn.dvc.core.dossier.DossierCode.sequenceKey(parsed.agencyId(), parsed.day()));
            var items = Suite.suite().dynamo().query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DOSSIER#" + code))))
                    .items();
            items.forEach(i -> lines.add(canonical(i)));
        }
        for (var item : scan("begins_with(pk, :p)", Map.of(":p", AttributeValue.fromS("IDEMP#IMPORT#" + system + "#")))) {
            lines.add(canonical(item));
        }
        for (String seq : seqKeys) {
            var item = Suite.suite().dynamo().getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS(seq), "sk", AttributeValue.fromS("SEQ")))).item();
            lines.add(canonical(item));
        }
        java.util.Collections.sort(lines);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        lines.forEach(l -> digest.update(l.getBytes(StandardCharsets.UTF_8)));
        return lines.size() + " items, sha256 " + HexFormat.of().formatHex(digest.digest());
    }

    private static String canonical(Map<String, AttributeValue> item) {
        return new TreeMap<>(item).toString();
    }

    private List<Map<String, AttributeValue>> scan(String filter, Map<String, AttributeValue> values) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (var page : Suite.suite().dynamo().scanPaginator(b -> b.tableName(table).filterExpression(filter)
                .expressionAttributeValues(values))) {
            items.addAll(page.items());
        }
        return items;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || Boolean.TRUE.equals(v.nul()) ? null : v.s();
    }

    private static Instant receivedAt(String text) {
        if (text.length() == 10 && text.charAt(2) == '/') {
            return LocalDate.parse(text, java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")).atStartOfDay()
                    .atZone(WorkingDayCalendar.ZONE).toInstant();
        }
        return LocalDateTime.parse(text).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    /** A list attribute as the dossier store keeps it: a DynamoDB list, or nested data as {"json": "[...]"}. */
    private static List<String> stringList(AttributeValue value) {
        if (value == null) {
            return List.of();
        }
        if (value.hasL()) {
            return value.l().stream().map(AttributeValue::s).toList();
        }
        if (value.hasM() && value.m().containsKey("json")) {
            try {
                List<String> out = new java.util.ArrayList<>();
                vn.dvc.core.json.Json.tree(value.m().get("json").s()).forEach(n -> out.add(n.asText()));
                return out;
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return List.of();
    }
}
