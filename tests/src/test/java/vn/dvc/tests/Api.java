package vn.dvc.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.dvc.core.json.Json;

/** A plain HTTP client for the local API, as the mobile app would call it. */
public final class Api {
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** -Ddvc.contract=report lists every mismatch in tests/target/contract-violations.txt instead of failing. */
    private static final boolean REPORT_ONLY = "report".equals(System.getProperty("dvc.contract"));
    private boolean checkContract = true;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return Json.tree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A development token from the local runner for a role and its attributes. */
    public String token(String role, String personalId, String agencyId, String provinceCode) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("role", role);
        if (personalId != null) request.put("personalId", personalId);
        if (agencyId != null) request.put("agencyId", agencyId);
        if (provinceCode != null) request.put("provinceCode", provinceCode);
        Response r = send("POST", "/_local/token", null, Json.write(request), Map.of());
        if (r.status() != 200) {
            throw new AssertionError("token: " + r.body());
        }
        return r.json().path("token").asText();
    }

    public String citizen(String personalId) {
        return token("CITIZEN", personalId, null, null);
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Response post(String path, String token, Object body, Map<String, String> headers) {
        return send("POST", path, token, body instanceof String s ? s : Json.write(body), headers);
    }

    public Response send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
            Response response = new Response(r.statusCode(), h, r.body());
            checkContract(method, path, response);
            return response;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    /** Every response of the local API must match api/openapi.yaml (status declared, JSON body valid). */
    private void checkContract(String method, String path, Response response) {
        if (!checkContract) {
            return;
        }
        List<String> violations = OpenApiContract.get().violations(method, path, response.status(), response.headers(),
                response.body());
        if (!violations.isEmpty() && REPORT_ONLY) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("tests/target/contract-violations.txt"),
                        String.join("\n", violations) + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else if (!violations.isEmpty()) {
            throw new AssertionError("response does not match api/openapi.yaml:\n  " + String.join("\n  ", violations)
                    + "\nbody: " + abbreviate(response.body()));
        }
    }

    /** Hostile-input probes check the error shape themselves and may hit routes with undeclared statuses on purpose. */
    public Api withoutContractCheck() {
        Api api = new Api(baseUrl);
        api.checkContract = false;
        return api;
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 600 ? body : body.substring(0, 600) + "...";
    }

    /** PUTs bytes to a presigned URL with a plain HTTP client. */
    public int upload(String url, String contentType, byte[] content) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("upload", e);
        }
    }

    /** Polls until the condition holds (asynchronous steps: S3 events, stream, queues). */
    public static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; last value: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
