package vn.dvc.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.dvc.local.LocalSuite;
import vn.dvc.local.Template;

/**
 * Warm overhead per request: total handler time minus the time spent inside AWS SDK calls (measured by
 * {@link SdkMeter} on the invoking thread), p50 and p99 over many invocations, and AWS round trips per request.
 */
final class WarmBench {
    record Result(String function, String event, int invocations, double p50OverheadMs, double p99OverheadMs,
                  double p50TotalMs, double roundTrips) {}

    private WarmBench() {}

    /** More request types measured beside each function's main sample event (logical id -> event files). */
    static final Map<String, List<String>> EXTRA = Map.of(
            "StatusApiFunction", List.of("http-get-dossier-foreign.json"),
            "IntakeApiFunction", List.of("http-retry-same-key-same-body.json"),
            "ProcessingApiFunction", List.of("http-list-agency-queue.json"));

    static List<Result> run(LocalSuite suite, Path root, int invocations) throws Exception {
        List<Result> results = new ArrayList<>();
        for (Template.FunctionSpec f : suite.template().functions()) {
            String module = f.codeUri().split("/")[1];
            if (!Bench.selected(f)) {
                continue;
            }
            Path dir = Bench.eventsDir(root, module);
            Path event = Bench.pickEvent(dir, f);
            if (event == null) {
                continue;
            }
            List<Path> events = new ArrayList<>(List.of(event));
            for (String extra : EXTRA.getOrDefault(f.logicalId(), List.of())) {
                if (Files.exists(dir.resolve(extra))) events.add(dir.resolve(extra));
            }
            for (Path e : events) {
                results.add(measure(suite, root, f, e, invocations));
            }
        }
        return results;
    }

    static Result measure(LocalSuite suite, Path root, Template.FunctionSpec f, Path event, int invocations) throws Exception {
        String type = Bench.eventClass(event.getFileName().toString());
        Object loaded = com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                .serializerFor(Class.forName(type), WarmBench.class.getClassLoader()).fromJson(Files.readString(event));
        boolean replay = event.getFileName().toString().contains("retry-same-key");
        int warmup = Math.max(20, invocations / 10);
        double[] overhead = new double[invocations];
        double[] total = new double[invocations];
        long calls = 0;
        for (int i = -warmup; i < invocations; i++) {
            if (!replay) {
                freshIdempotencyKey(loaded);
            }
            long[] meter = SdkMeter.THREAD.get();
            long callsBefore = meter[0];
            long sdkBefore = meter[1];
            long t0 = System.nanoTime();
            try {
                suite.functions().invoke(f.logicalId(), loaded);
            } catch (RuntimeException e) {
                // a handler that throws on this sample is measured all the same (its retry path)
            }
            long elapsed = System.nanoTime() - t0;
            if (i >= 0) {
                long sdk = meter[1] - sdkBefore;
                total[i] = elapsed / 1e6;
                overhead[i] = Math.max(0, elapsed - sdk) / 1e6;
                calls += meter[0] - callsBefore;
            }
        }
        return new Result(f.logicalId(), root.relativize(event).toString(), invocations, percentile(overhead, 50),
                percentile(overhead, 99), percentile(total, 50), (double) calls / invocations);
    }

    /** Each filing gets its own Idempotency-Key, so intake is measured filing, not replaying. */
    private static void freshIdempotencyKey(Object event) {
        if (event instanceof APIGatewayV2HTTPEvent http && http.getHeaders() != null
                && http.getHeaders().containsKey("idempotency-key")) {
            Map<String, String> headers = new HashMap<>(http.getHeaders());
            headers.put("idempotency-key", "bench-" + UUID.randomUUID());
            http.setHeaders(headers);
        }
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static Map<String, Object> toJson(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("function", r.function());
        m.put("event", r.event());
        m.put("invocations", r.invocations());
        m.put("overheadP50Ms", round(r.p50OverheadMs()));
        m.put("overheadP99Ms", round(r.p99OverheadMs()));
        m.put("totalP50Ms", round(r.p50TotalMs()));
        m.put("awsRoundTripsPerRequest", round(r.roundTrips()));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
