package vn.dvc.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import vn.dvc.core.json.Json;

/**
 * Seeds the demo the README walks through, through the same front door a mobile app uses: a few synthetic
 * citizens file dossiers and upload documents, so lists, statuses and histories have something to show.
 * Reference data (units, agencies, procedures, holidays) is bundled with the functions and needs no seeding.
 * Personal identification numbers here are synthetic (0010900000xx) and belong to nobody.
 */
final class DemoData {
    static final List<String> DEMO_CITIZENS = List.of("001090000001", "001090000002", "001090000003");
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    private DemoData() {}

    static void seed(LocalSuite suite) {
        DemoCitizens.seed(suite); // synthetic citizens of the local population register
        HttpClient http = HttpClient.newHttpClient();
        int filed = 0;
        for (int i = 0; i < DEMO_CITIZENS.size(); i++) {
            String token = suite.jwt().issue(Map.of("sub", "demo-citizen-" + (i + 1), "role", "CITIZEN",
                    "pid", DEMO_CITIZENS.get(i)), 3600);
            Map<String, Object> body = Map.of(
                    "procedureCode", "1.001193",
                    "communeCode", i == 2 ? "26824" : "00004",
                    "channel", "ONLINE",
                    "applicant", Map.of("fullName", "Công dân Mẫu " + (i + 1), "dateOfBirth", "1990-01-0" + (i + 1),
                            "phone", "090000000" + (i + 1)),
                    // a form the procedure's schema accepts (intake checks it: 422 otherwise)
                    "form", Map.of("relationshipToChild", "CHA", "child", Map.of("fullName", "Trẻ Mẫu " + (i + 1),
                            "dateOfBirth", "2026-11-01", "sex", "NAM", "placeOfBirth", "Trạm y tế xã")),
                    "components", List.of(Map.of("component", "to-khai-dang-ky-khai-sinh", "contentType", "application/pdf")));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(suite.baseUrl() + "/dossiers"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", "demo-seed-" + (i + 1))
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201 && response.statusCode() != 200) {
                    System.err.println("demo filing " + (i + 1) + " answered " + response.statusCode() + ": " + response.body());
                    continue;
                }
                filed++;
                if (i == 0) {
                    continue; // one dossier stays RECEIVED, waiting for its document
                }
                var upload = Json.tree(response.body()).path("uploads").get(0);
                http.send(HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                        .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                System.err.println("demo filing " + (i + 1) + " failed: " + e);
            }
        }
        System.out.println("demo data: " + filed + " dossiers filed for citizens " + DEMO_CITIZENS);
        // ---- monitoring (issue 8): a dashboard-worthy day for GET /stats (demo supervisor: province 01)
        try {
            DemoMonitoring.seed(suite);
        } catch (RuntimeException e) {
            System.err.println("demo monitoring day failed: " + e);
        }
    }
}
