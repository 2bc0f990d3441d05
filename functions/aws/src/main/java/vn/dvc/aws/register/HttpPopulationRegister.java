package vn.dvc.aws.register;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.dvc.core.json.Json;
import vn.dvc.core.register.CitizenRecord;
import vn.dvc.core.register.PopulationRegister;

/**
 * The production adapter: the population database through the national data-sharing platform (NDXP / LGSP), over
 * HTTPS with {@code GET <baseUrl>/citizens/<personalId>} and an API key. 200 -> the record, 404 -> not found;
 * timeouts, connection failures, 429 and 5xx are retried a bounded number of times with backoff and then reported
 * as an outage (the message returns to its queue). Anything else (401, 403, a malformed body) is also an outage:
 * it says nothing about the citizen.
 */
public final class HttpPopulationRegister implements PopulationRegister {
    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final int attempts;

    public HttpPopulationRegister(String baseUrl, String apiKey, Duration timeout, int attempts) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
    }

    @Override
    public String source() {
        return "POPULATION_REGISTER:ndxp";
    }

    @Override
    public Optional<CitizenRecord> lookup(String personalId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/citizens/"
                        + URLEncoder.encode(personalId, StandardCharsets.UTF_8)))
                .timeout(timeout).header("Accept", "application/json")
                .header("Authorization", "ApiKey " + (apiKey == null ? "" : apiKey)).GET().build();
        String lastProblem = "no attempt";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return Optional.of(parse(response.body()));
                }
                if (status == 404) {
                    return Optional.empty();
                }
                lastProblem = "HTTP " + status;
                if (status != 429 && status < 500) {
                    break; // a refusal will not change by retrying now
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegisterUnavailableException("interrupted");
            }
            if (attempt < attempts) {
                sleep(200L * (1L << (attempt - 1)));
            }
        }
        throw new RegisterUnavailableException("population register unavailable: " + lastProblem);
    }

    private static CitizenRecord parse(String body) {
        try {
            JsonNode node = Json.tree(body);
            List<String> categories = new ArrayList<>();
            node.path("categories").forEach(c -> categories.add(c.asText()));
            String born = node.path("dateOfBirth").asText(null);
            return new CitizenRecord(node.path("personalId").asText(null), node.path("fullName").asText(null),
                    born == null ? null : LocalDate.parse(born), node.path("residenceCommuneCode").asText(null), categories);
        } catch (IOException | RuntimeException e) {
            throw new RegisterUnavailableException("malformed register response");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
