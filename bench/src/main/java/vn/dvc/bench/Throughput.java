package vn.dvc.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.dvc.core.json.Json;
import vn.dvc.local.LocalSuite;

/**
 * Throughput of the local HTTP API under a bounded load: a fixed number of clients on loopback, each sending its next
 * request when the previous one is answered (closed loop), for a fixed time; an intake mix (filings) and a status
 * mix (a citizen reading a dossier). Beside them the engines' own floor: raw PutItem and GetItem with the same number
 * of clients straight to the local DynamoDB, no function in between.
 */
final class Throughput {
    record Mix(String name, int clients, double seconds, long requests, long errors, double p50Ms, double p99Ms) {
        double perSecond() {
            return requests / seconds;
        }
    }

    record Result(List<Mix> mixes) {}

    interface Call {
        boolean run(int client, long i) throws Exception;
    }

    private Throughput() {}

    static Result run(LocalSuite suite, int seconds, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String base = suite.baseUrl();
        String citizen = token(http, base, Map.of("role", "CITIZEN", "personalId", "001090000001"));
        String filing = Json.write(Map.of("procedureCode", "1.001456", "communeCode", "00004", "channel", "ONLINE",
                "applicant", Map.of("fullName", "Nguyễn Văn An", "dateOfBirth", "1990-05-12", "phone", "0912345678"),
                "form", Map.of(), "components", List.of(Map.of("component", "to-khai-de-nghi-cap-ho", "contentType", "application/pdf"))));
        HttpResponse<String> first = http.send(post(base + "/dossiers", citizen, filing), HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 201) {
            throw new IllegalStateException("throughput: filing -> " + first.statusCode() + " " + first.body());
        }
        String code = Json.tree(first.body()).path("code").asText();
        HttpRequest read = HttpRequest.newBuilder(URI.create(base + "/dossiers/" + code)).header("Authorization", "Bearer " + citizen)
                .timeout(Duration.ofSeconds(180)).GET().build();
        DynamoDbClient dynamo = suite.dynamo();
        String table = suite.names().tableName("DossierTable");
        List<Mix> mixes = new ArrayList<>();
        // warm every path first (JIT, connections), then measure
        mixes.add(measure("status: GET /dossiers/{code}", clients, 2, (c, i) ->
                http.send(read, HttpResponse.BodyHandlers.ofString()).statusCode() == 200));
        mixes.clear();
        mixes.add(measure("status: GET /dossiers/{code}", clients, seconds, (c, i) ->
                http.send(read, HttpResponse.BodyHandlers.ofString()).statusCode() == 200));
        mixes.add(measure("engine floor: GetItem", clients, seconds, (c, i) -> dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("DOSSIER#" + code), "sk", AttributeValue.fromS("META")))).hasItem()));
        measure("intake: POST /dossiers", clients, 2, (c, i) ->
                http.send(post(base + "/dossiers", citizen, filing), HttpResponse.BodyHandlers.ofString()).statusCode() == 201);
        mixes.add(measure("intake: POST /dossiers", clients, seconds, (c, i) ->
                http.send(post(base + "/dossiers", citizen, filing), HttpResponse.BodyHandlers.ofString()).statusCode() == 201));
        mixes.add(measure("engine floor: PutItem", clients, seconds, (c, i) -> {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("BENCH#put#" + c + "#" + i),
                    "sk", AttributeValue.fromS("PUT"), "payload", AttributeValue.fromS(filing))));
            return true;
        }));
        return new Result(mixes);
    }

    static Mix measure(String name, int clients, int seconds, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit((Callable<long[]>) () -> {
                    List<Long> latencies = new ArrayList<>();
                    long errors = 0;
                    for (long i = 0; System.nanoTime() < deadline; i++) {
                        long s = System.nanoTime();
                        boolean ok;
                        try {
                            ok = call.run(client, i);
                        } catch (Exception e) {
                            ok = false;
                        }
                        latencies.add(System.nanoTime() - s);
                        if (!ok) errors++;
                    }
                    long[] out = new long[latencies.size() + 1];
                    out[0] = errors;
                    for (int k = 0; k < latencies.size(); k++) out[k + 1] = latencies.get(k);
                    return out;
                }));
            }
            List<Double> all = new ArrayList<>();
            long errors = 0;
            for (Future<long[]> f : futures) {
                long[] out = f.get();
                errors += out[0];
                for (int k = 1; k < out.length; k++) all.add(out[k] / 1e6);
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double[] values = all.stream().mapToDouble(Double::doubleValue).toArray();
            return new Mix(name, clients, elapsed, values.length, errors, WarmBench.percentile(values, 50), WarmBench.percentile(values, 99));
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "tp-" + UUID.randomUUID())
                .timeout(Duration.ofSeconds(180)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String token(HttpClient http, String base, Map<String, Object> claims) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/_local/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(claims))).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.tree(r.body()).path("token").asText();
    }

    static Map<String, Object> append(StringBuilder md, Result r) {
        md.append("\n## Throughput of the local HTTP API (bounded load)\n\n");
        md.append("Closed loop on loopback: a fixed number of clients, each sending its next request when the previous one is "
                + "answered, for a fixed time, against the local front door and the real handlers (one JVM, the embedded engines, "
                + "the same shared 2 cores as the client). Beside each mix the engine's own floor: the same clients calling the "
                + "local DynamoDB directly. The intake mix also feeds the asynchronous pipeline (stream, queues, workers) that "
                + "runs in the same JVM meanwhile.\n\n");
        md.append("| mix | clients | requests/s | p50 (ms) | p99 (ms) | requests | errors |\n|---|---:|---:|---:|---:|---:|---:|\n");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Mix m : r.mixes()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %d | %d |%n", m.name(), m.clients(), m.perSecond(),
                    m.p50Ms(), m.p99Ms(), m.requests(), m.errors()));
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("mix", m.name());
            j.put("clients", m.clients());
            j.put("requestsPerSecond", Math.round(m.perSecond()));
            j.put("p50Ms", WarmBench.round(m.p50Ms()));
            j.put("p99Ms", WarmBench.round(m.p99Ms()));
            j.put("requests", m.requests());
            j.put("errors", m.errors());
            json.add(j);
        }
        return Map.of("mixes", json);
    }
}
