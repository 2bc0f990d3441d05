package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Client mistakes get a 4xx in the one error shape (status, code, vi/en message, request id), never a 5xx. */
@ExtendWith(Suite.class)
class HttpErrorShapeIT {

    static void assertShape(Api.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(status, body.path("status").asInt());
        assertEquals(code, body.path("code").asText());
        assertFalse(body.path("messages").path("vi").asText().isBlank());
        assertFalse(body.path("messages").path("en").asText().isBlank());
        assertFalse(body.path("requestId").asText().isBlank());
    }

    @Test
    void unknownRouteIs404() {
        assertShape(Suite.api().get("/nowhere", null), 404, "ROUTE_NOT_FOUND");
    }

    @Test
    void wrongMethodIs405() {
        assertShape(Suite.api().send("DELETE", "/dossiers", null, null, Map.of()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void missingTokenIs401() {
        assertShape(Suite.api().get("/dossiers/X00004.UBND-261123-0001", null), 401, "UNAUTHORIZED");
    }

    @Test
    void forgedTokenIs401() {
        String token = Suite.api().citizen("001090000001");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertShape(Suite.api().get("/dossiers/X00004.UBND-261123-0001", forged), 401, "UNAUTHORIZED");
    }

    @Test
    void malformedJsonIs400() {
        Api api = Suite.api();
        assertShape(api.post("/dossiers", api.citizen("001090000001"), "{\"procedureCode\":", Map.of("Idempotency-Key", "abcdefgh-1")),
                400, "MALFORMED_JSON");
    }

    @Test
    void missingIdempotencyKeyIs400() {
        Api api = Suite.api();
        assertShape(api.post("/dossiers", api.citizen("001090000001"), WalkingSkeletonIT.birthFiling(), Map.of()),
                400, "IDEMPOTENCY_KEY_REQUIRED");
    }

    @Test
    void oversizedBodyIs413() {
        Api api = Suite.api();
        String huge = "{\"x\":\"" + "a".repeat(300_000) + "\"}";
        assertShape(api.post("/dossiers", api.citizen("001090000001"), huge, Map.of("Idempotency-Key", "abcdefgh-2")),
                413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void malformedDossierCodeIs400() {
        Api api = Suite.api();
        assertShape(api.get("/dossiers/not-a-code", api.citizen("001090000001")), 400, "MALFORMED_DOSSIER_CODE");
    }

    @Test
    void englishMessagesOnRequest() {
        Api.Response r = Suite.api().send("GET", "/nowhere", null, null, Map.of("Accept-Language", "en"));
        assertEquals("No such route.", r.json().path("message").asText());
    }
}
