package vn.dvc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.json.Json;
import vn.dvc.local.LocalSuite;

/**
 * What one dossier costs from filing to COMPLETED: N paid dossiers (passport, 200,000 VND: the longest path —
 * intake, 3 uploads, document processing, validation, fee, payment through the development gateway, acceptance,
 * take, approve, signed result, complete) driven through the local HTTP API and the real handlers, counting what
 * AWS would bill: Lambda requests and billed milliseconds, DynamoDB request units, SQS, S3 and KMS requests, HTTP
 * API requests. The citizen is modelled as checking the status twice and the fee once; the bench's own waiting
 * reads the table directly and is not counted.
 */
final class Lifecycle {
    // ---- AWS list prices, ap-southeast-1 (Singapore), USD, as of 2026-11-23; x86_64, first pricing tier, no free tier.
    // Provenance (issue 9): the bench machine has no internet; the stored copies of the pricing pages found offline
    // (aws.amazon.com/lambda/pricing, /dynamodb/pricing/on-demand, /sqs/pricing, /api-gateway/pricing and the AWS
    // whitepaper "How AWS Pricing Works") state the us-east-1 figures only: Lambda 0.20 USD per million requests and
    // 0.0000166667 per GB-s (same in Singapore), DynamoDB on-demand 0.625 / 0.125 USD per million WRU / RRU, SQS 0.40
    // USD per million, HTTP API 1.00 USD per million. The Singapore figures below (DynamoDB x1.14, HTTP API x1.2 of
    // us-east-1) could not be re-read from a stored Singapore price list: check them against the AWS Price List API
    // (pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<service>/current/ap-southeast-1/index.json) before quoting.
    /** https://aws.amazon.com/lambda/pricing/ — requests. */
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    /** https://aws.amazon.com/lambda/pricing/ — duration, x86, first 6 billion GB-s a month. */
    static final double LAMBDA_PER_GB_SECOND = 0.0000166667;
    /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — write request units (after the Nov 2024 on-demand cut). */
    static final double DYNAMO_PER_MILLION_WRU = 0.7125;
    /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — read request units. */
    static final double DYNAMO_PER_MILLION_RRU = 0.1425;
    /** https://aws.amazon.com/sqs/pricing/ — standard queue requests beyond the first million a month. */
    static final double SQS_PER_MILLION_REQUESTS = 0.40;
    /** https://aws.amazon.com/s3/pricing/ — S3 Standard PUT, COPY, POST, LIST per 1,000 requests. */
    static final double S3_PER_THOUSAND_PUT = 0.005;
    /** https://aws.amazon.com/s3/pricing/ — S3 Standard GET, SELECT and all other requests per 1,000. */
    static final double S3_PER_THOUSAND_GET = 0.0004;
    /** https://aws.amazon.com/kms/pricing/ — asymmetric ECC Sign/Verify requests per 10,000. */
    static final double KMS_PER_TEN_THOUSAND_ASYMMETRIC = 0.15;
    /** https://aws.amazon.com/api-gateway/pricing/ — HTTP APIs, first 300 million requests a month, ap-southeast-1. */
    static final double HTTP_API_PER_MILLION = 1.20;
    /** template.yaml Globals.Function.MemorySize. */
    static final int MEMORY_MB = 1024;
    static final long DOSSIERS_PER_YEAR = 33_000_000L;

    record Result(int dossiers, double seconds, Map<String, Long> invocations, Map<String, Long> billedMs,
                  Map<String, Long> sdkCalls, double readUnits, double writeUnits, long httpRequests, long presignedPuts,
                  Map<String, Double> usdPerMillion) {
        double perDossier(double total) {
            return total / dossiers;
        }

        double usdPerMillionTotal() {
            return usdPerMillion.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final LocalSuite suite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DynamoDossierStore store;
    private final AtomicLong httpRequests = new AtomicLong();
    private final AtomicLong presignedPuts = new AtomicLong();

    Lifecycle(LocalSuite suite) {
        this.suite = suite;
        this.store = new DynamoDossierStore(suite.dynamo(), suite.names().tableName("DossierTable"));
    }

    static Result run(LocalSuite suite, int dossiers) throws Exception {
        Lifecycle life = new Lifecycle(suite);
        life.oneDossier(0); // warm every function first: cold starts are reported elsewhere, not billed per dossier
        Map<String, Long> invocationsBefore = suite.functions().invocationCounts();
        Map<String, Long> billedBefore = suite.functions().billedMillis();
        SdkMeter.reset();
        life.httpRequests.set(0);
        life.presignedPuts.set(0);
        long t0 = System.nanoTime();
        for (int i = 1; i <= dossiers; i++) {
            life.oneDossier(i);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> invocations = minus(suite.functions().invocationCounts(), invocationsBefore);
        Map<String, Long> billed = minus(suite.functions().billedMillis(), billedBefore);
        Map<String, Long> calls = new TreeMap<>();
        SdkMeter.IN_FUNCTIONS.forEach((k, v) -> calls.put(k, v.get()));
        return price(dossiers, seconds, invocations, billed, calls, SdkMeter.READ_UNITS.sum(), SdkMeter.WRITE_UNITS.sum(),
                life.httpRequests.get(), life.presignedPuts.get());
    }

    static Result price(int n, double seconds, Map<String, Long> invocations, Map<String, Long> billed, Map<String, Long> calls,
                        double rru, double wru, long httpRequests, long presignedPuts) {
        double perMillion = 1_000_000.0 / n;
        long lambdaRequests = invocations.values().stream().mapToLong(Long::longValue).sum();
        long billedMs = billed.values().stream().mapToLong(Long::longValue).sum();
        long sqsSends = count(calls, "sqs:");
        // Each message a Lambda event source mapping delivers costs about one ReceiveMessage and one DeleteMessage
        // (batched at low rates one per message); the runner's own polling is not counted by the meter.
        long sqsTotal = sqsSends + 2 * countOp(calls, "sqs:SendMessage");
        long s3Put = presignedPuts + countOp(calls, "s3:PutObject") + countOp(calls, "s3:CopyObject");
        long s3Other = count(calls, "s3:") - countOp(calls, "s3:PutObject") - countOp(calls, "s3:CopyObject");
        long kms = count(calls, "kms:");
        Map<String, Double> usd = new LinkedHashMap<>();
        usd.put("Lambda requests", lambdaRequests * perMillion / 1e6 * LAMBDA_PER_MILLION_REQUESTS);
        usd.put("Lambda duration", billedMs / 1000.0 * (MEMORY_MB / 1024.0) * LAMBDA_PER_GB_SECOND * perMillion);
        usd.put("DynamoDB writes", wru * perMillion / 1e6 * DYNAMO_PER_MILLION_WRU);
        usd.put("DynamoDB reads", rru * perMillion / 1e6 * DYNAMO_PER_MILLION_RRU);
        usd.put("SQS", sqsTotal * perMillion / 1e6 * SQS_PER_MILLION_REQUESTS);
        usd.put("S3 requests", s3Put * perMillion / 1e3 * S3_PER_THOUSAND_PUT + s3Other * perMillion / 1e3 * S3_PER_THOUSAND_GET);
        usd.put("KMS", kms * perMillion / 1e4 * KMS_PER_TEN_THOUSAND_ASYMMETRIC);
        usd.put("HTTP API", httpRequests * perMillion / 1e6 * HTTP_API_PER_MILLION);
        return new Result(n, seconds, new TreeMap<>(invocations), new TreeMap<>(billed), calls, rru, wru, httpRequests,
                presignedPuts, usd);
    }

    static long count(Map<String, Long> calls, String prefix) {
        return calls.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    static long countOp(Map<String, Long> calls, String key) {
        return calls.getOrDefault(key, 0L);
    }

    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> {
            long delta = v - before.getOrDefault(k, 0L);
            if (delta != 0) d.put(k, delta);
        });
        return d;
    }

    // ---------------------------------------------------------------- one dossier through the HTTP API

    void oneDossier(int i) throws Exception {
        // a citizen the local register holds (demo/citizens.json), with the name and birth date it holds
        List<vn.dvc.local.DemoCitizens.Seeded> register = vn.dvc.local.DemoCitizens.list().stream()
                .filter(c -> !c.simulateOutage()).toList();
        var person = register.get(i % register.size()).citizen();
        String pid = person.personalId();
        String citizen = token(Map.of("role", "CITIZEN", "personalId", pid));
        Map<String, Object> filing = new LinkedHashMap<>();
        filing.put("procedureCode", "1.001456"); // passport: 200,000 VND, so the payment path is included
        filing.put("communeCode", "00004");
        filing.put("channel", "ONLINE");
        filing.put("applicant", Map.of("fullName", person.fullName(), "dateOfBirth", person.dateOfBirth().toString(),
                "phone", "0912345678"));
        filing.put("form", Map.of());
        filing.put("components", List.of("to-khai-de-nghi-cap-ho", "to-khai-de-nghi-cap-ho-2", "anh-moi-chup-khong-qua-06").stream()
                .map(c -> Map.of("component", c, "contentType", "application/pdf")).toList());
        JsonNode filed = call("POST", "/dossiers", citizen, filing, Map.of("Idempotency-Key", UUID.randomUUID().toString()), 201);
        String code = filed.path("code").asText();
        for (JsonNode upload : filed.path("uploads")) {
            put(upload.path("url").asText(), pdf());
        }
        call("GET", "/dossiers/" + code, citizen, null, Map.of(), 200); // the citizen looks once after filing
        await(code, citizen, DossierStatus.AWAITING_PAYMENT);
        call("GET", "/dossiers/" + code + "/payments", citizen, null, Map.of(), 200);
        String txn = call("POST", "/dossiers/" + code + "/payments", citizen, Map.of(), Map.of(), 0).path("transactionRef").asText();
        // the development gateway settles and calls the payment callback (one HTTP API request in production)
        call("POST", "/_local/payments/" + txn + "/pay", null, Map.of(), Map.of(), 200);
        await(code, citizen, DossierStatus.ACCEPTED);
        String agency = store.find(code).orElseThrow().agencyId(); // passports are routed to the province police
        String official = token(Map.of("role", "OFFICIAL", "agencyId", agency, "provinceCode", "01"));
        call("POST", "/dossiers/" + code + "/actions", official, Map.of("action", "take"), Map.of(), 200);
        JsonNode approved = call("POST", "/dossiers/" + code + "/actions", official, Map.of("action", "approve"), Map.of(), 200);
        put(approved.path("resultUpload").path("url").asText(), (new String(pdf(), StandardCharsets.ISO_8859_1) + " result " + code)
                .getBytes(StandardCharsets.ISO_8859_1));
        await(code, citizen, DossierStatus.RESULT_ISSUED);
        call("POST", "/dossiers/" + code + "/actions", official, Map.of("action", "complete"), Map.of(), 200);
        call("GET", "/dossiers/" + code, citizen, null, Map.of(), 200); // and once at the end
        if (store.find(code).orElseThrow().status() != DossierStatus.COMPLETED) {
            throw new IllegalStateException("lifecycle: " + code + " did not complete");
        }
    }

    private void await(String code, String citizen, DossierStatus status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            DossierStatus now = store.find(code).orElseThrow().status();
            if (now == status || now.ordinal() > status.ordinal()) {
                return;
            }
            if (now == DossierStatus.NEEDS_SUPPLEMENT) {
                break;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("lifecycle: " + code + " never reached " + status + ": "
                + send("GET", "/dossiers/" + code, citizen, null, Map.of()).body());
    }

    private String token(Map<String, Object> claims) throws Exception {
        HttpResponse<String> r = send("POST", "/_local/token", null, Json.write(claims), Map.of());
        return Json.tree(r.body()).path("token").asText();
    }

    private JsonNode call(String method, String path, String token, Object body, Map<String, String> headers, int expected)
            throws Exception {
        httpRequests.incrementAndGet(); // /_local/payments/{txn}/pay stands for the gateway's callback request
        HttpResponse<String> r = send(method, path, token, body == null ? null : Json.write(body), headers);
        if ((expected != 0 && r.statusCode() != expected) || r.statusCode() >= 400) {
            throw new IllegalStateException("lifecycle: " + method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return Json.tree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(suite.baseUrl() + path)).timeout(Duration.ofSeconds(180))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void put(String url, byte[] content) throws Exception {
        presignedPuts.incrementAndGet();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) throw new IllegalStateException("upload -> " + r.statusCode());
    }

    static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }
}
