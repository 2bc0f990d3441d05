package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Select;
import vn.dvc.aws.AwsClients;
import vn.dvc.local.Template;

/**
 * A corpus of malformed requests generated for every route of the template: forged, expired, wrong-audience and
 * unsigned tokens, broken and hostile bodies, wrong content types, path traversal and injection in path
 * parameters. Every one must get a 4xx in the error shape, none a 5xx, and the tables and bucket must be unchanged.
 */
@ExtendWith(Suite.class)
class HostileInputIT {
    record Probe(String route, String method, String path, String token, String body, Map<String, String> headers, String what) {}

    static final List<String> BAD_PATH_VALUES = List.of("..%2F..%2Fetc%2Fpasswd", "%27%20OR%20%271%27%3D%271",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%00", "x".repeat(600), "%F0%9F%92%A9%E2%80%AE", "DOSSIER%23META");

    static final List<String> BAD_BODIES = List.of(
            "{\"procedureCode\":", "[1,2,3]", "\"just a string\"", "null", "{\"procedureCode\":123,\"communeCode\":[],\"components\":{}}",
            "{\"procedureCode\":\"" + "A".repeat(200_000) + "\"}", "[".repeat(5000) + "]".repeat(5000),
            "{\"procedureCode\":\"\\ud800\",\"communeCode\":\"\\u0000\"}", "{\"a\":1,\"a\":2,\"__proto__\":{\"admin\":true}}",
            "{\"procedureCode\":\"1.001193'; DROP TABLE dossiers;--\",\"communeCode\":\"../../../\"}",
            // issue 10: deep object nesting, unicode edge cases (zero-width, full-width digits, bidi override, BOM,
            // escaped lone surrogates in keys), path traversal in component and file names
            "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
            "{\"procedureCode\":\"1.001193\u200b\",\"communeCode\":\"\uff10\uff10\uff10\uff10\uff14\",\"channel\":\"ONLINE\u202e\"}",
            "\ufeff{\"procedureCode\":\"1.001193\",\"communeCode\":\"00004\"}",
            "{\"\\udfff\\ud800\":1,\"procedureCode\":\"\\u0000\",\"communeCode\":\"0000\\u0034\\u0301\"}",
            traversal("../../../../etc/passwd"), traversal("..\\\\..\\\\windows\\\\win.ini"), traversal("%2e%2e%2f%2e%2e%2fsecret"),
            traversal("uploads/../results/X00004.UBND-261123-0001/forged.pdf"));

    /** A birth filing whose component code and file name try to climb out of the dossier's upload prefix. */
    static String traversal(String name) {
        Map<String, Object> body = new LinkedHashMap<>(WalkingSkeletonIT.birthFiling());
        body.put("components", List.of(Map.of("component", name, "contentType", "application/pdf", "fileName", name)));
        return vn.dvc.core.json.Json.write(body);
    }

    List<Probe> corpus() {
        Api api = Suite.api().withoutContractCheck(); // probes check the error shape themselves
        var jwt = Suite.suite().jwt();
        long now = Instant.now().getEpochSecond();
        String valid = api.citizen("001090005555");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        String expired = jwt.issue(Map.of("sub", "x", "role", "CITIZEN", "pid", "001090005555", "exp", now - 60), 60);
        String wrongAudience = jwt.issue(Map.of("sub", "x", "role", "CITIZEN", "pid", "001090005555", "aud", "someone-else"), 60);
        String wrongIssuer = jwt.issue(Map.of("sub", "x", "role", "CITIZEN", "iss", "https://evil.example/"), 60);
        String unsigned = valid.substring(0, valid.indexOf('.')).replaceAll(".+", "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0")
                + valid.substring(valid.indexOf('.'), valid.lastIndexOf('.') + 1);
        String operator = api.token("OPERATOR", null, null, null);

        List<Probe> probes = new ArrayList<>();
        for (Template.Route route : Suite.suite().template().routes()) {
            String path = route.path().replaceAll("\\{[^}]+}", "X00004.UBND-261123-9999");
            if (route.path().startsWith("/procedures/") || route.path().startsWith("/units/")) {
                path = route.path().replaceAll("\\{[^}]+}", "1.004222");
            }
            String json = route.method().equals("GET") ? null : "{}";
            Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
            if (route.authorized()) {
                for (var t : Map.of("forged", forged, "expired", expired, "wrong audience", wrongAudience,
                        "wrong issuer", wrongIssuer, "alg none", unsigned, "garbage", "not.a.jwt").entrySet()) {
                    probes.add(new Probe(route.routeKey(), route.method(), path, t.getValue(), json, key, t.getKey() + " token"));
                }
            }
            String token = route.authorized() ? (route.method().equals("PUT") ? operator : valid) : null;
            if (route.path().contains("{")) {
                for (String bad : BAD_PATH_VALUES) {
                    String p = route.path().replaceFirst("\\{[^}]+}", bad).replaceAll("\\{[^}]+}", "X");
                    probes.add(new Probe(route.routeKey(), route.method(), p, token, json, key, "path " + bad));
                }
            }
            if (!route.method().equals("GET")) {
                for (String body : BAD_BODIES) {
                    probes.add(new Probe(route.routeKey(), route.method(), path, token, body, key, "body " + abbreviate(body)));
                }
                probes.add(new Probe(route.routeKey(), route.method(), path, token, "<xml/>",
                        Map.of("Content-Type", "application/xml", "Idempotency-Key", UUID.randomUUID().toString()), "xml content type"));
                probes.add(new Probe(route.routeKey(), route.method(), path, token, "a=1&b=2",
                        Map.of("Content-Type", "application/x-www-form-urlencoded", "Idempotency-Key", UUID.randomUUID().toString()),
                        "form content type"));
            } else if (OpenApiContract.get().queryParameters(route.method(), route.path()).stream()
                    .anyMatch(q -> q.equals("limit") || q.equals("cursor"))) {
                // paging is probed where api/openapi.yaml declares it (a single-resource GET takes none)
                probes.add(new Probe(route.routeKey(), route.method(), path + "?limit=-1&cursor=%25%25%25", token, null, Map.of(), "bad paging"));
                probes.add(new Probe(route.routeKey(), route.method(), path + "?limit=99999999999999999999", token, null, Map.of(), "huge limit"));
                probes.add(new Probe(route.routeKey(), route.method(), path + "?limit=1e3", token, null, Map.of(), "float limit"));
            }
        }
        return probes;
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Test
    void everyHostileRequestGetsA4xxInTheErrorShapeAndChangesNothing() throws Exception {
        Api api = Suite.api().withoutContractCheck(); // probes check the error shape themselves
        Map<String, Long> before = quietState();
        List<Probe> corpus = corpus();
        List<String> failures = new ArrayList<>();
        for (Probe p : corpus) {
            Api.Response r = api.send(p.method(), p.path(), p.token(), p.body(), p.headers());
            String where = p.route() + " [" + p.what() + "] -> " + r.status();
            if (r.status() < 400 || r.status() >= 500) {
                failures.add(where + " " + abbreviate(r.body()));
                continue;
            }
            try {
                JsonNode body = r.json();
                if (body.path("code").asText().isEmpty() || body.path("messages").path("vi").asText().isEmpty()
                        || body.path("messages").path("en").asText().isEmpty()) {
                    failures.add(where + " not in the error shape: " + abbreviate(r.body()));
                }
            } catch (AssertionError e) {
                failures.add(where + " not JSON: " + abbreviate(r.body()));
            }
        }
        Thread.sleep(1500); // give any (wrongly) triggered asynchronous work time to show
        Map<String, Long> after = state();
        System.out.println("hostile input: " + corpus.size() + " requests, " + failures.size() + " failures; state " + before + " -> " + after);
        Reliability.record("hostile", Map.of("badInputsTried", corpus.size(), "failures", failures.size(),
                "routes", Suite.suite().template().routes().size(), "stateChanged", !before.equals(after)));
        assertTrue(corpus.size() >= 200, "corpus has " + corpus.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, after);
    }

    /** Item counts of every table and object count of every bucket, once the pipelines of earlier tests are idle. */
    static Map<String, Long> quietState() throws InterruptedException {
        Map<String, Long> last = state();
        for (int i = 0; i < 40; i++) {
            Thread.sleep(500);
            Map<String, Long> now = state();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    static Map<String, Long> state() {
        Map<String, Long> state = new LinkedHashMap<>();
        var suite = Suite.suite();
        for (String id : suite.template().resourcesOfType("AWS::DynamoDB::Table")) {
            String table = suite.names().tableName(id);
            long count = 0;
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
            do {
                var request = software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder().tableName(table)
                        .select(Select.COUNT).exclusiveStartKey(start).build();
                var response = AwsClients.dynamo().scan(request);
                count += response.count();
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null);
            state.put(id, count);
        }
        for (String id : suite.template().resourcesOfType("AWS::S3::Bucket")) {
            state.put(id, (long) AwsClients.s3().listObjectsV2Paginator(b -> b.bucket(suite.names().bucketName(id))).contents()
                    .stream().count());
        }
        return state;
    }
}
