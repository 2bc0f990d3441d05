package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dvc.local.Template;

/**
 * Every role that does not own a dossier x every route of the template (so a new route cannot be forgotten):
 * no route answers a foreign caller with success on a guarded route, and no answer to anyone but the owner's side
 * carries the applicant's personal data (identification number, name, phone).
 */
@ExtendWith(Suite.class)
class AuthorizationMatrixIT {
    static final String OWNER_PID = "001090004242";
    static final String NAME = "Trần Thị Riêng Tư";
    static final String PHONE = "0987654321";
    static String code;
    static String agencyId;

    /** Callers with no right to the dossier (filed by a citizen of phường Ba Đình, Hà Nội). */
    static Map<String, String> foreignCallers() {
        Api api = Suite.api();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("other citizen", api.citizen("001090007777"));
        callers.put("citizen without id", api.token("CITIZEN", null, null, null));
        callers.put("other assistant", api.token("ASSISTANT", null, "X00004.TTPVHCC", "01"));
        callers.put("official of another agency", api.token("OFFICIAL", null, "X26824.UBND", "79"));
        callers.put("supervisor of another province", api.token("SUPERVISOR", null, null, "79"));
        return callers;
    }

    @BeforeAll
    static void fileADossier() {
        Api api = Suite.api();
        Map<String, Object> body = new LinkedHashMap<>(WalkingSkeletonIT.birthFiling());
        body.put("applicant", Map.of("fullName", NAME, "dateOfBirth", "1991-02-03", "phone", PHONE));
        Api.Response filed = api.post("/dossiers", api.citizen(OWNER_PID), body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, filed.status(), filed.body());
        code = filed.json().path("code").asText();
        agencyId = filed.json().path("agency").path("id").asText();
    }

    static String concretePath(Template.Route route) {
        String path = route.path();
        if (path.startsWith("/dossiers/{code}") || path.startsWith("/results/{code}") || path.startsWith("/public/dossiers/{code}")) {
            path = path.replace("{code}", code);
        }
        return path.replace("{id}", agencyId).replace("{code}", "1.004222").replace("{txn}", "TXN-UNKNOWN")
                .replace("{functionId}", "none")
                .replace("{name}", "tinh-cu:khong-co.csv"); // issue 8: an import name (GET /imports/{name})
    }

    @Test
    void noForeignCallerSucceedsOrSeesPersonalData() {
        Api api = Suite.api();
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (Template.Route route : Suite.suite().template().routes()) {
            String path = concretePath(route);
            boolean aboutTheDossier = route.path().contains("{code}") && !route.path().startsWith("/procedures")
                    || route.path().startsWith("/agencies/{id}");
            for (var caller : foreignCallers().entrySet()) {
                String body = route.method().equals("GET") ? null : "{}";
                Api.Response r = api.send(route.method(), path, caller.getValue(), body,
                        body == null ? Map.of() : Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                checked++;
                if (r.status() >= 500) {
                    leaks.add(route.routeKey() + " as " + caller.getKey() + ": " + r.status() + " " + r.body());
                }
                if (route.authorized() && aboutTheDossier && r.status() < 400) {
                    leaks.add(route.routeKey() + " as " + caller.getKey() + " succeeded: " + r.status() + " " + r.body());
                }
                if (route.authorized() && caller.getValue() == null && r.status() != 401) {
                    leaks.add(route.routeKey() + " anonymous got " + r.status());
                }
                if (r.body() != null && (r.body().contains(OWNER_PID) || r.body().contains(NAME) || r.body().contains(PHONE))) {
                    leaks.add(route.routeKey() + " as " + caller.getKey() + " leaked personal data: " + r.body());
                }
            }
        }
        System.out.println("authorization matrix: " + checked + " requests, " + leaks.size() + " leaks");
        record("requests", checked);
        record("leaks", leaks.size());
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    /**
     * The callers with a right to the dossier (issue 10: all nine roles are covered between this and
     * {@link #foreignCallers}): each route must answer them without a 5xx, and the dossier's read routes must answer
     * them 200 (the "own resource" side of the matrix; the foreign side is every foreign caller above).
     */
    static Map<String, String> ownCallers() {
        Api api = Suite.api();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("the applicant", api.citizen(OWNER_PID));
        callers.put("official of the agency", api.token("OFFICIAL", null, agencyId, "01"));
        callers.put("supervisor of the province", api.token("SUPERVISOR", null, null, "01"));
        callers.put("operator", api.token("OPERATOR", null, null, null));
        return callers;
    }

    static final java.util.Set<String> READS = java.util.Set.of("GET /dossiers/{code}", "GET /dossiers/{code}/history");

    @Test
    void everyRightfulCallerIsServedWithoutAServerError() {
        Api api = Suite.api().withoutContractCheck(); // "{}" to every route: asserts no 5xx and the reads itself
        List<String> problems = new ArrayList<>();
        int checked = 0;
        // reads first, then everything else: a write (withdrawal, say) must not hide a read's answer
        List<Template.Route> routes = new ArrayList<>(Suite.suite().template().routes());
        routes.sort(java.util.Comparator.comparing((Template.Route r) -> !r.method().equals("GET")));
        Map<String, String> callers = ownCallers();
        for (Template.Route route : routes) {
            String path = concretePath(route);
            for (var caller : callers.entrySet()) {
                String body = route.method().equals("GET") ? null : "{}";
                Api.Response r = api.send(route.method(), path, caller.getValue(), body,
                        body == null ? Map.of() : Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                checked++;
                if (r.status() >= 500) {
                    problems.add(route.routeKey() + " as " + caller.getKey() + ": " + r.status() + " " + r.body());
                }
                if (READS.contains(route.routeKey()) && r.status() != 200) {
                    problems.add(route.routeKey() + " as " + caller.getKey() + " refused: " + r.status() + " " + r.body());
                }
            }
        }
        System.out.println("authorization matrix (rightful callers): " + checked + " requests, " + problems.size() + " problems");
        record("ownSideRequests", checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static synchronized void record(String figure, Object value) {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (Reliability.read().get("authorization") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> figures.put(k.toString(), v));
        }
        figures.remove("recordedAt");
        figures.put(figure, value);
        figures.put("roles", 9);
        figures.put("routes", Suite.suite().template().routes().size());
        Reliability.record("authorization", figures);
    }

    @Test
    void theOwnerSeesTheirDossier() {
        Api api = Suite.api();
        Api.Response r = api.get("/dossiers/" + code, api.citizen(OWNER_PID));
        assertEquals(200, r.status(), r.body());
        assertEquals(code, r.json().path("code").asText());
    }
}
