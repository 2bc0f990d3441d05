package vn.dvc.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.json.Json;

class FormCheckTest {
    private static final JsonNode BIRTH = ProcedureCatalog.bundled().byCode("1.001193").orElseThrow().formSchema();

    private static List<String> codes(Object form) {
        return FormCheck.check(BIRTH, Json.MAPPER.valueToTree(form)).stream().map(p -> p.path() + ":" + p.code()).toList();
    }

    private static Map<String, Object> applicant() {
        return Map.of("fullName", "Nguyễn Văn An", "personalId", "001090000001", "dateOfBirth", "1990-05-12", "phone", "0912345678");
    }

    @Test
    void aCompleteBirthFormPasses() {
        assertEquals(List.of(), codes(Map.of("applicant", applicant(), "relationshipToChild", "CHA",
                "child", Map.of("fullName", "Nguyễn Thị Bình", "dateOfBirth", "2026-11-01", "sex", "NU", "placeOfBirth", "Hà Nội"))));
    }

    @Test
    void oddDataBecomesProblemsNeverAnException() {
        List<String> problems = codes(Map.of("applicant", applicant(), "relationshipToChild", 7, "surprise", true,
                "child", Map.of("fullName", "", "dateOfBirth", "2026-13-45", "sex", "X", "placeOfBirth", List.of())));
        assertTrue(problems.containsAll(List.of("form.relationshipToChild:WRONG_TYPE", "form.surprise:UNKNOWN_FIELD",
                "form.child.fullName:REQUIRED", "form.child.dateOfBirth:BAD_DATE", "form.child.sex:NOT_ALLOWED",
                "form.child.placeOfBirth:WRONG_TYPE")), problems.toString());
        assertEquals(List.of("form:WRONG_TYPE"), codes(List.of(1, 2)));
        assertTrue(codes(Map.of()).contains("form.child:REQUIRED"));
    }

    @Test
    void deepNestingIsBoundedAndProblemsAreCapped() {
        Object deep = Map.of();
        for (int i = 0; i < 40; i++) {
            deep = Map.of("x", deep);
        }
        assertTrue(codes(Map.of("applicant", applicant(), "child", deep)).size() <= 50);
    }
}
