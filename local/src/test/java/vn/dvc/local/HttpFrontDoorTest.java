package vn.dvc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 10, found by FaultsIT): the front door served requests from a fixed pool of 16 threads, and the
 * local payment gateway's {@code /pay} calls back into the front door from one of them; with 16 parallel payments
 * every thread waited for a free thread, and the whole local API (even {@code /_local/token}) stopped answering.
 */
class HttpFrontDoorTest {
    @Test
    void nestedCallsBackIntoTheFrontDoorDoNotExhaustIt() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpFrontDoor door = new HttpFrontDoor(0, List.of(), new FunctionHost(List.of()), new LocalJwt("k", "i", "a"));
        door.addLocalEndpoint("POST /inner", body -> new AbstractMap.SimpleEntry<>(200, Map.of("ok", true)));
        door.addLocalPathEndpoint("POST /outer/{n}", (path, body) -> {
            try {
                Thread.sleep(200); // every outer request holds its thread while the others arrive
                var inner = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.port() + "/inner"))
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new AbstractMap.SimpleEntry<>(inner.statusCode(), Map.of("n", path.get("n")));
            } catch (Exception e) {
                return new AbstractMap.SimpleEntry<>(504, Map.of("error", e.toString()));
            }
        });
        door.start();
        int parallel = 40;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                int n = i;
                answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.port() + "/outer/" + n))
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(), "a nested call must find a thread");
            }
        } finally {
            pool.shutdownNow();
            door.close();
        }
    }
}
