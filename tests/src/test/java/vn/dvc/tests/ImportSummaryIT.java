package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import vn.dvc.aws.AwsClients;
import vn.dvc.core.json.Json;

/**
 * Issue 8, "a summary is available to the operator": a small generated legacy export (50 rows, bad ones included)
 * through the real S3 path, then {@code GET /imports/{name}} as the operator shows the importer's counts and a
 * working presigned link to the row-level error report; {@code GET /imports} lists it (paged); everyone else 403.
 * (The 10,000-row import is LegacyImportIT.)
 */
@ExtendWith(Suite.class)
class ImportSummaryIT {
    static final int ROWS = 50;

    @Test
    void theOperatorSeesTheCountsAndOpensTheReport() throws Exception {
        Api api = Suite.api();
        String bucket = Suite.suite().names().bucketName("DocumentBucket");
        String system = "tinh-nho-" + UUID.randomUUID().toString().substring(0, 8);
        String file = "ho-so-ton-" + ROWS + ".csv";
        String name = system + ":" + file;
        List<LegacyFileGenerator.Row> rows = new LegacyFileGenerator(21, system.toUpperCase()).rows(100)
                .subList(100 - ROWS, 100); // the generator's pattern per 100 rows ends with splits, province-level and bad rows
        StringWriter csv = new StringWriter();
        LegacyFileGenerator.writeCsv(rows, csv);
        long failed = rows.stream().filter(r -> r.expected() instanceof LegacyFileGenerator.Failed).count();
        long manual = rows.stream().filter(r -> r.expected() instanceof LegacyFileGenerator.Manual).count();
        assertTrue(failed > 0 && manual > 0, "the file has bad rows and unplaced splits");

        String operator = api.token("OPERATOR", null, null, null);
        assertEquals(404, api.get("/imports/" + name, operator).status(), "not imported yet");
        AwsClients.s3().putObject(b -> b.bucket(bucket).key("imports/" + system + "/" + file).contentType("text/csv"),
                RequestBody.fromString(csv.toString(), StandardCharsets.UTF_8));

        JsonNode summary = Api.await(() -> api.get("/imports/" + name, operator),
                r -> r.status() == 200 && r.json().path("status").asText().equals("COMPLETE"), Duration.ofSeconds(240)).json();
        assertEquals(name, summary.path("name").asText());
        assertEquals("imports/" + system + "/" + file, summary.path("file").asText());
        assertEquals(ROWS, summary.path("rowsRead").asInt(), summary.toString());
        assertEquals(ROWS - failed, summary.path("imported").asInt(), summary.toString());
        assertEquals(0, summary.path("skippedUnchanged").asInt());
        assertEquals(failed, summary.path("failed").asInt());
        assertEquals(manual, summary.path("routedManually").asInt());
        assertTrue(summary.path("finishedAt").asText().compareTo(summary.path("startedAt").asText()) >= 0, summary.toString());

        // the report link works (the local S3 honours the presigned GET) and holds exactly the failed rows
        JsonNode link = summary.path("report");
        assertEquals("import-reports/" + system + "/" + file + ".report.json", link.path("key").asText());
        assertNotNull(link.path("expiresAt").asText(null));
        HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.path("url").asText()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, report.statusCode(), report.body());
        assertEquals(failed, Json.tree(report.body()).path("errors").size());

        // two rejected files of the same system: summaries with status REJECTED and the reason (no report link needed)
        for (String other : List.of("ghi-chu.txt", "rong.csv")) {
            AwsClients.s3().putObject(b -> b.bucket(bucket).key("imports/" + system + "/" + other).contentType("text/plain"),
                    RequestBody.fromString("", StandardCharsets.UTF_8));
        }
        JsonNode rejected = Api.await(() -> api.get("/imports/" + system + ":ghi-chu.txt", operator),
                r -> r.status() == 200, Duration.ofSeconds(120)).json();
        assertEquals("REJECTED", rejected.path("status").asText(), rejected.toString());
        assertEquals("UNSUPPORTED_FORMAT", rejected.path("rejection").path("code").asText(), rejected.toString());
        Api.await(() -> api.get("/imports/" + system + ":rong.csv", operator).status(), s -> s == 200, Duration.ofSeconds(120));

        // the listing pages through every summary and finds all three, each page at most `limit` long
        Set<String> names = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api.get("/imports?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), operator);
            assertEquals(200, page.status(), page.body());
            assertTrue(page.json().path("items").size() <= 2);
            page.json().path("items").forEach(i -> names.add(i.path("name").asText()));
            cursor = page.json().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null && pages < 500);
        assertTrue(names.containsAll(List.of(name, system + ":ghi-chu.txt", system + ":rong.csv")), names.toString());
        assertTrue(pages >= 2, "three imports take two pages of two");

        // only the operator; bad names and paging are 400 in the error shape
        for (String token : List.of(api.citizen("001090005555"), api.token("OFFICIAL", null, "X00004.UBND", "01"),
                api.token("SUPERVISOR", null, null, "01"), api.token("ASSISTANT", null, "X00004.TTPVHCC", "01"))) {
            assertEquals(403, api.get("/imports/" + name, token).status());
            assertEquals(403, api.get("/imports", token).status());
        }
        assertEquals(401, api.get("/imports/" + name, null).status());
        Api.Response bad = api.get("/imports/..%2F..%2Fsecret", operator);
        assertEquals(400, bad.status(), bad.body());
        assertEquals("BAD_IMPORT_NAME", bad.json().path("code").asText());
        assertEquals(400, api.get("/imports?limit=0", operator).status());
        assertEquals(400, api.get("/imports?cursor=%25%25", operator).status());
        assertEquals(400, api.get("/imports?cursor=" + java.util.Base64.getUrlEncoder().encodeToString("dossiers/x".getBytes()), operator).status());
        System.out.printf("import summary: %d rows -> imported %d, failed %d, manual %d; listing %d pages of 2 (%d imports)%n",
                ROWS, summary.path("imported").asInt(), failed, manual, pages, names.size());
    }
}
