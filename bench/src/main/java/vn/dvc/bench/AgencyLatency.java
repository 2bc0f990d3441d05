package vn.dvc.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * catalog-api's agency routes (issue 3), warm and in process, with only {@code catalog-api.jar} on the class path:
 * {@code GET /agencies/{id}}, {@code GET /agencies?unit=} and an operator's {@code PUT /agencies/{id}} (cycling over
 * 40 agencies, every PUT a new revision). The replacements live in memory here, so the numbers are the handler's own
 * cost (parse, validate, merge, serialise, ETag); on AWS a PUT adds one consistent GetItem and one TransactWriteItems
 * (two Puts), a GET nothing between refreshes (one Query of the catalog partition per 60 s).
 *
 * <pre>
 * javac -cp functions/catalog-api/target/catalog-api.jar -d /tmp/al bench/src/main/java/vn/dvc/bench/CatalogLatency.java \
 *   bench/src/main/java/vn/dvc/bench/AgencyLatency.java
 * java -cp functions/catalog-api/target/catalog-api.jar:/tmp/al vn.dvc.bench.AgencyLatency 2000
 * </pre>
 */
public final class AgencyLatency {
    private AgencyLatency() {}

    /** The port in memory (same conditional semantics as DynamoReplacedAgencies). */
    static final class Memory implements vn.dvc.core.agency.ReplacedAgencies {
        final Map<String, List<vn.dvc.core.agency.AgencyReplacement>> revisions = new HashMap<>();

        public synchronized List<vn.dvc.core.agency.AgencyReplacement> latest() {
            return revisions.values().stream().map(l -> l.get(l.size() - 1)).toList();
        }

        public synchronized Optional<vn.dvc.core.agency.AgencyReplacement> latest(String id) {
            List<vn.dvc.core.agency.AgencyReplacement> l = revisions.get(id);
            return l == null ? Optional.empty() : Optional.of(l.get(l.size() - 1));
        }

        public synchronized Optional<vn.dvc.core.agency.AgencyReplacement> revision(String id, int revision) {
            return revisions.getOrDefault(id, List.of()).stream().filter(r -> r.revision() == revision).findFirst();
        }

        public synchronized void replace(vn.dvc.core.agency.AgencyReplacement r, int expectedLatest) {
            List<vn.dvc.core.agency.AgencyReplacement> l = revisions.computeIfAbsent(r.agency().id(), k -> new ArrayList<>());
            if ((l.isEmpty() ? 0 : l.get(l.size() - 1).revision()) != expectedLatest) {
                throw new Conflict("lost");
            }
            l.add(r);
        }
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        var units = vn.dvc.core.units.AdministrativeUnits.get();
        var handler = new vn.dvc.catalog.CatalogApiHandler(
                new vn.dvc.core.catalog.LiveCatalog(vn.dvc.core.catalog.ProcedureCatalog.bundled(), null, Clock.systemUTC(), Duration.ofSeconds(60)),
                new vn.dvc.core.agency.LiveAgencies(units, new Memory(), Clock.systemUTC(), Duration.ofSeconds(60)),
                units, Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        units.communesOf("01").stream().limit(40).forEach(c -> ids.add("X" + c.code() + ".UBND"));
        List<APIGatewayV2HTTPEvent> gets = ids.stream().map(id -> with(CatalogLatency.event("GET /agencies/{id}",
                Map.of("id", id), Map.of()), null)).toList();
        List<APIGatewayV2HTTPEvent> lists = ids.stream().map(id -> with(CatalogLatency.event("GET /agencies",
                Map.of(), Map.of("unit", id.substring(1, 6))), null)).toList();
        List<APIGatewayV2HTTPEvent> puts = ids.stream().map(id -> with(CatalogLatency.event("PUT /agencies/{id}",
                Map.of("id", id), Map.of()), "{\"name\":{\"vi\":\"Ủy ban nhân dân phường " + id + "\",\"en\":\"People's Committee "
                + id + "\"},\"address\":\"Số 1 phố Mẫu, Hà Nội\",\"hotline\":\"024 3825 1234\",\"officialCode\":\"000.00.01.H26\"}")).toList();
        run(handler, "PUT /agencies/{id}", puts, n, 200);
        run(handler, "GET /agencies/{id}", gets, n, 200);
        run(handler, "GET /agencies?unit=", lists, n, 200);
        System.exit(0);
    }

    static APIGatewayV2HTTPEvent with(APIGatewayV2HTTPEvent e, String body) {
        if (body != null) {
            e.setBody(body);
            e.setHeaders(Map.of("accept-language", "vi", "content-type", "application/json"));
            e.getRequestContext().getHttp().setMethod("PUT");
            var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            jwt.setClaims(Map.of("sub", "bench-operator", "role", "OPERATOR"));
            var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(jwt);
            e.getRequestContext().setAuthorizer(authorizer);
        }
        return e;
    }

    static void run(vn.dvc.catalog.CatalogApiHandler handler, String name, List<APIGatewayV2HTTPEvent> events, int n, int expected) {
        for (int i = 0; i < 300; i++) {
            handler.handleRequest(events.get(i % events.size()), CatalogLatency.CONTEXT);
        }
        long[] micros = new long[n];
        long[] cpu = new long[n];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            APIGatewayV2HTTPResponse r = handler.handleRequest(events.get(i % events.size()), CatalogLatency.CONTEXT);
            micros[i] = (System.nanoTime() - t0) / 1000;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1000;
            if (r.getStatusCode() != expected) {
                throw new IllegalStateException(name + " answered " + r.getStatusCode() + ": " + r.getBody());
            }
        }
        Arrays.sort(micros);
        Arrays.sort(cpu);
        System.err.printf("AGENCY warm route=%s n=%d wall p50=%dus p99=%dus | cpu p50=%dus p99=%dus%n", name, n,
                micros[n / 2], micros[(int) Math.ceil(n * 0.99) - 1], cpu[n / 2], cpu[(int) Math.ceil(n * 0.99) - 1]);
    }
}
