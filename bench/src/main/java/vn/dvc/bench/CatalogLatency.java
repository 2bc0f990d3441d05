package vn.dvc.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * catalog-api's own numbers (issue 3), with only {@code catalog-api.jar} on the class path (plus this class):
 *
 * <ul>
 *   <li>{@code cold <route>}: a fresh JVM builds the handler with its no-argument constructor and handles one request
 *       of the route; prints the time since JVM start (run it with the Lambda runtime's flags, see {@link Bench}).</li>
 *   <li>{@code warm <n>}: one handler, 300 warm-up requests per route, then {@code n} timed in-process invocations per
 *       route (cycling through varied queries and codes); prints p50 / p99 / max in microseconds.</li>
 * </ul>
 * Without {@code CATALOG_TABLE} the handler serves the bundled catalog only; with it, a function instance adds one
 * Query of the catalog table per refresh period (60 s), which is not in these numbers.
 *
 * <pre>
 * javac -cp functions/catalog-api/target/catalog-api.jar -d /tmp/cl bench/src/main/java/vn/dvc/bench/CatalogLatency.java
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xmx400m \
 *   -cp functions/catalog-api/target/catalog-api.jar:/tmp/cl vn.dvc.bench.CatalogLatency cold units-search
 * java -cp functions/catalog-api/target/catalog-api.jar:/tmp/cl vn.dvc.bench.CatalogLatency warm 2000
 * </pre>
 */
public final class CatalogLatency {
    private CatalogLatency() {}

    static final Map<String, List<APIGatewayV2HTTPEvent>> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("procedures-list", List.of(
                event("GET /procedures", Map.of(), Map.of()),
                event("GET /procedures", Map.of(), Map.of("province", "02", "q", "dang ky")),
                event("GET /procedures", Map.of(), Map.of("level", "COMMUNE", "limit", "10")),
                event("GET /procedures", Map.of(), Map.of("field", "ho tich"))));
        ROUTES.put("units-search", List.of(
                event("GET /units", Map.of(), Map.of("q", "thu duc")),
                event("GET /units", Map.of(), Map.of("q", "ba dinh ha noi")),
                event("GET /units", Map.of(), Map.of("q", "Phường Hồng Hà")),
                event("GET /units", Map.of(), Map.of("q", "an", "limit", "50")),
                event("GET /units", Map.of(), Map.of("q", "phuc xa", "old", "true"))));
        ROUTES.put("unit-by-code", List.of(
                event("GET /units/{code}", Map.of("code", "00004"), Map.of()),
                event("GET /units/{code}", Map.of("code", "00019"), Map.of()),
                event("GET /units/{code}", Map.of("code", "00001"), Map.of()),
                event("GET /units/{code}", Map.of("code", "02"), Map.of()),
                event("GET /units/{code}", Map.of("code", "26824"), Map.of()),
                event("GET /units/{code}", Map.of("code", "001"), Map.of())));
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("cold")) {
            APIGatewayV2HTTPEvent event = ROUTES.get(args[1]).get(0);
            @SuppressWarnings("unchecked")
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                    (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                            Class.forName("vn.dvc.catalog.CatalogApiHandler").getDeclaredConstructor().newInstance();
            long constructed = sinceStart();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, CONTEXT);
            long first = sinceStart();
            System.err.println("CATALOG cold route=" + args[1] + " status=" + response.getStatusCode()
                    + " constructedMs=" + constructed + " firstEventMs=" + first);
            System.exit(0);
        }
        int n = Integer.parseInt(args[1]);
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                        Class.forName("vn.dvc.catalog.CatalogApiHandler").getDeclaredConstructor().newInstance();
        var context = CONTEXT;
        for (var route : ROUTES.entrySet()) {
            List<APIGatewayV2HTTPEvent> events = route.getValue();
            for (int i = 0; i < 300; i++) {
                handler.handleRequest(events.get(i % events.size()), context);
            }
            long[] micros = new long[n];
            long[] cpuMicros = new long[n];
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < n; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                APIGatewayV2HTTPResponse r = handler.handleRequest(events.get(i % events.size()), context);
                micros[i] = (System.nanoTime() - t0) / 1000;
                cpuMicros[i] = (threads.getCurrentThreadCpuTime() - c0) / 1000;
                if (r.getStatusCode() != 200) {
                    throw new IllegalStateException(route.getKey() + " answered " + r.getStatusCode() + ": " + r.getBody());
                }
            }
            Arrays.sort(micros);
            Arrays.sort(cpuMicros);
            // wall time suffers from a busy machine's descheduling; the thread's CPU time does not
            System.err.printf("CATALOG warm route=%s n=%d wall p50=%dus p99=%dus max=%dus | cpu p50=%dus p99=%dus%n",
                    route.getKey(), n, micros[n / 2], micros[(int) Math.ceil(n * 0.99) - 1], micros[n - 1],
                    cpuMicros[n / 2], cpuMicros[(int) Math.ceil(n * 0.99) - 1]);
        }
        System.exit(0);
    }

    static long sinceStart() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** A Lambda context (this class stays free of the runtime serializer, so the function's jar alone runs it). */
    static final com.amazonaws.services.lambda.runtime.Context CONTEXT = (com.amazonaws.services.lambda.runtime.Context)
            java.lang.reflect.Proxy.newProxyInstance(CatalogLatency.class.getClassLoader(),
                    new Class<?>[] {com.amazonaws.services.lambda.runtime.Context.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getRemainingTimeInMillis" -> 30_000;
                        case "getMemoryLimitInMB" -> 512;
                        case "getLogger" -> null;
                        case "getIdentity", "getClientContext" -> null;
                        case "getInvokedFunctionArn" -> "arn:aws:lambda:ap-southeast-1:000000000000:function:bench";
                        default -> method.getReturnType() == String.class ? "bench" : null;
                    });

    static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> path, Map<String, String> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(k + "=" + v));
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey)
                .withRawPath(routeKey.substring(4)).withRawQueryString(String.join("&", pairs))
                .withHeaders(Map.of("accept-language", "vi"))
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(path.isEmpty() ? null : path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("bench").withRouteKey(routeKey)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath(routeKey.substring(4)).build()).build())
                .build();
    }
}
