package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One dossier through every kind of trigger, over the local HTTP API as the mobile app would use it:
 * POST /dossiers -> PUT to the presigned URL -> S3 event -> document processor -> stream -> router -> SQS ->
 * validation worker -> GET /dossiers/{code} shows the new status and its history.
 */
@ExtendWith(Suite.class)
class WalkingSkeletonIT {
    static final String BIRTH = "1.001193";
    static final String BA_DINH = "00004";

    static Map<String, Object> birthFiling() {
        return Map.of(
                "procedureCode", BIRTH,
                "communeCode", BA_DINH,
                "channel", "ONLINE",
                "applicant", Map.of("fullName", "Nguyễn Văn An", "dateOfBirth", "1990-05-12", "phone", "0912345678"),
                // a complete form: the validation worker checks it against the procedure's form schema
                "form", Map.of("relationshipToChild", "CHA", "child", Map.of("fullName", "Nguyễn Thị Bình",
                        "dateOfBirth", "2026-11-01", "sex", "NU", "placeOfBirth", "Bệnh viện Phụ sản Hà Nội")),
                "components", List.of(Map.of("component", "to-khai-dang-ky-khai-sinh", "contentType", "application/pdf")));
    }

    @Test
    void aDossierTravelsFromFilingToValidated() {
        Api api = Suite.api();
        String token = api.citizen("001090000001");
        Api.Response filed = api.post("/dossiers", token, birthFiling(), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, filed.status(), filed.body());
        JsonNode body = filed.json();
        String code = body.path("code").asText();
        assertTrue(code.matches("X00004\\.UBND-\\d{6}-\\d{4}"), code);
        assertEquals("RECEIVED", body.path("status").asText());
        assertEquals(1, body.path("uploads").size());
        JsonNode upload = body.path("uploads").get(0);
        assertEquals("to-khai-dang-ky-khai-sinh", upload.path("component").asText());

        assertEquals(200, api.upload(upload.path("url").asText(), "application/pdf", Files.pdf()));

        // Birth registration is free, so the fee step moves a validated dossier straight on to ACCEPTED.
        JsonNode dossier = Api.await(() -> api.get("/dossiers/" + code, token).json(),
                d -> List.of("VALIDATED", "ACCEPTED").contains(d.path("status").asText()), Duration.ofSeconds(30));
        JsonNode component = dossier.path("components").get(0);
        List<String> states = new ArrayList<>();
        dossier.path("components").forEach(c -> states.add(c.path("component").asText() + "=" + c.path("state").asText()));
        assertTrue(states.contains("to-khai-dang-ky-khai-sinh=RECEIVED"), states.toString());
        assertNotEquals("", component.path("component").asText());

        List<String> actions = new ArrayList<>();
        api.get("/dossiers/" + code + "/history", token).json().path("history").forEach(e -> actions.add(e.path("action").asText()));
        assertEquals(List.of("FILED", "DOCUMENT_RECEIVED", "VALIDATED"), actions.subList(0, Math.min(3, actions.size())));
    }

    @Test
    void anotherCitizenCannotSeeTheDossier() {
        Api api = Suite.api();
        String owner = api.citizen("001090000002");
        Api.Response filed = api.post("/dossiers", owner, birthFiling(), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, filed.status(), filed.body());
        String code = filed.json().path("code").asText();
        Api.Response foreign = api.get("/dossiers/" + code, api.citizen("001090000099"));
        assertEquals(404, foreign.status());
        assertEquals("DOSSIER_NOT_FOUND", foreign.json().path("code").asText());
        assertEquals(200, api.get("/dossiers/" + code, owner).status());
    }
}
