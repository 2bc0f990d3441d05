package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response check every end-to-end request goes through (Api) must be able to fail. */
class OpenApiContractIT {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private final OpenApiContract contract = OpenApiContract.get();

    @Test
    void aConformingDossierPasses() {
        String body = """
                {"code":"X00004.UBND-261123-0001","status":"RECEIVED","statusText":"Đã tiếp nhận",
                 "procedureCode":"1.001193","createdAt":"2026-11-23T03:00:00Z"}""";
        assertEquals(List.of(), contract.violations("GET", "/dossiers/X00004.UBND-261123-0001?x=1", 200, JSON, body));
    }

    @Test
    void aBodyThatBreaksTheSchemaIsReported() {
        List<String> violations = contract.violations("GET", "/dossiers/X00004.UBND-261123-0001", 200, JSON,
                "{\"code\": 5}");
        assertFalse(violations.isEmpty());
        assertTrue(violations.stream().anyMatch(v -> v.contains("status")), violations.toString());
    }

    @Test
    void anUndeclaredStatusIsReported() {
        List<String> violations = contract.violations("GET", "/dossiers/X00004.UBND-261123-0001", 418, JSON, "{}");
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.getFirst().contains("status not declared"));
    }

    @Test
    void errorsAreCheckedAgainstTheSharedErrorShape() {
        assertFalse(contract.violations("GET", "/dossiers/X00004.UBND-261123-0001", 404, JSON, "{\"oops\":1}").isEmpty());
        String error = """
                {"status":404,"code":"DOSSIER_NOT_FOUND","message":"Không tìm thấy hồ sơ.",
                 "messages":{"vi":"Không tìm thấy hồ sơ.","en":"No such dossier."},"requestId":"r-1"}""";
        assertEquals(List.of(), contract.violations("GET", "/dossiers/X00004.UBND-261123-0001", 404, JSON, error));
    }
}
