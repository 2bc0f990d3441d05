package vn.dvc.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.json.Json;

/**
 * Checks form data against the procedure's JSON Schema (draft 2020-12, formats asserted) with the networknt
 * validator, and names EVERY failing field (the citizen fixes the form once, not once per error). Compiled schemas
 * are cached per procedure version: compiling costs milliseconds, validating microseconds.
 *
 * <p>The schema sees the form as the validation worker does: the applicant's declared fields travel at the top of
 * the filing ({@code applicant}) and are merged into {@code form.applicant}.
 */
public final class FormSchema {
    private static final int MAX_PROBLEMS = 100;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true) // 2020-12 treats format as an annotation by default; dates and e-mails must be real
            .pathType(PathType.JSON_POINTER)
            .build();
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private FormSchema() {}

    /** The problems of a form, as {@code {field, code, message}} detail entries, ordered by field; empty when valid. */
    public static List<Map<String, Object>> problems(Procedure procedure, Map<String, Object> form, Applicant applicant) {
        JsonNode schemaNode = procedure.formSchema();
        if (schemaNode == null || !schemaNode.isObject() || schemaNode.isEmpty()) {
            return List.of();
        }
        JsonSchema schema = COMPILED.computeIfAbsent(procedure.code() + "@" + procedure.version(),
                k -> FACTORY.getSchema(schemaNode, CONFIG));
        boolean applicantFromFiling = form == null || !form.containsKey("applicant");
        List<Map<String, Object>> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(document(form, applicant))) {
            String field = field(m, applicantFromFiling);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("field", field);
            p.put("code", code(m.getType()));
            p.put("message", m.getMessage());
            problems.add(p);
        }
        problems.sort(Comparator.comparing((Map<String, Object> p) -> p.get("field").toString())
                .thenComparing(p -> p.get("code").toString()));
        return problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
    }

    /**
     * The form as the schema sees it: {@code form}, with the applicant's declared fields under {@code applicant}.
     * Intake checks a filing against it and validation re-checks the stored dossier against the same document.
     */
    public static JsonNode document(Map<String, Object> form, Applicant a) {
        ObjectNode document = Json.MAPPER.valueToTree(form == null ? Map.of() : form);
        JsonNode declared = document.get("applicant");
        if (declared != null && !declared.isObject()) {
            return document; // the schema reports the wrong type
        }
        ObjectNode applicant = declared == null ? Json.MAPPER.createObjectNode() : (ObjectNode) declared;
        if (a != null) {
            putIfPresent(applicant, "personalId", a.personalId());
            putIfPresent(applicant, "fullName", a.fullName());
            putIfPresent(applicant, "dateOfBirth", a.dateOfBirth() == null ? null : a.dateOfBirth().toString());
            putIfPresent(applicant, "phone", a.phone());
            putIfPresent(applicant, "email", a.email());
        }
        document.set("applicant", applicant);
        return document;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    /** {@code form.child.sex}; a missing or unknown property is named itself, not its parent object. */
    private static String field(ValidationMessage m, boolean applicantFromFiling) {
        StringBuilder path = new StringBuilder();
        var location = m.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append('.').append(element);
            }
        }
        if (m.getProperty() != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType())
                || "dependentRequired".equals(m.getType()))) {
            path.append('.').append(m.getProperty());
        }
        String field = "form" + path;
        // Applicant fields come from the filing's own "applicant" object: name them where the client put them.
        if (applicantFromFiling && (field.startsWith("form.applicant.") || field.equals("form.applicant"))) {
            field = field.substring("form.".length());
        }
        return field;
    }

    private static String code(String type) {
        return switch (type == null ? "" : type) {
            case "required" -> "REQUIRED";
            case "type" -> "WRONG_TYPE";
            case "enum", "const" -> "NOT_ALLOWED";
            case "pattern" -> "PATTERN_MISMATCH";
            case "format" -> "INVALID_FORMAT";
            case "additionalProperties", "unevaluatedProperties" -> "UNKNOWN_FIELD";
            case "minLength" -> "TOO_SHORT";
            case "maxLength" -> "TOO_LONG";
            case "minimum", "exclusiveMinimum" -> "TOO_SMALL";
            case "maximum", "exclusiveMaximum" -> "TOO_LARGE";
            case "uniqueItems" -> "DUPLICATE";
            case "minItems" -> "TOO_FEW";
            case "maxItems" -> "TOO_MANY";
            default -> "INVALID";
        };
    }
}
