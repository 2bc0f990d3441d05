package vn.dvc.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators send JSON documents; each case breaks one rule of a valid seeded document. */
class ProcedureValidatorTest {

    private static ObjectNode validDocument() {
        Procedure residence = ProcedureCatalog.bundled().byCode("1.004222").orElseThrow();
        return ProcedureCatalog.mapper().valueToTree(residence);
    }

    private static List<FieldError> validate(ObjectNode doc) throws Exception {
        return ProcedureValidator.validate(ProcedureCatalog.mapper().treeToValue(doc, Procedure.class));
    }

    private static ObjectNode component(ObjectNode doc, int i) {
        return (ObjectNode) doc.withArray("components").get(i);
    }

    private static ObjectNode feeLine(ObjectNode doc) {
        return (ObjectNode) doc.at("/feeSchedule/lines/0");
    }

    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                bad("code", "CODE_FORMAT", d -> d.put("code", "1004222")),
                bad("code", "CODE_FORMAT", d -> d.put("code", "1.00422")),
                bad("code", "CODE_FORMAT", d -> d.putNull("code")),
                bad("version", "VERSION_POSITIVE", d -> d.put("version", 0)),
                bad("name.vi", "NAME_REQUIRED", d -> d.putObject("name").put("vi", " ").put("en", "Permanent residence")),
                bad("agencyKind", "AGENCY_KIND_UNKNOWN", d -> d.put("agencyKind", "MILITARY")),
                bad("feeSchedule.lines[0].amount", "FEE_NEGATIVE", d -> feeLine(d).put("amount", -1)),
                bad("feeSchedule.lines[0].onlineReductions[0].reducedAmount", "FEE_NEGATIVE",
                        d -> ((ObjectNode) feeLine(d).withArray("onlineReductions").get(0)).put("reducedAmount", -5)),
                bad("feeSchedule.lines[0].onlineReductions[0].percent", "REDUCTION_PERCENT_RANGE",
                        d -> ((ObjectNode) feeLine(d).withArray("onlineReductions").get(0))
                                .putNull("reducedAmount").put("percent", 120)),
                bad("feeSchedule.lines[0].onlineReductions[0].validTo", "EFFECTIVE_DATES_ORDER",
                        d -> ((ObjectNode) feeLine(d).withArray("onlineReductions").get(0)).put("validTo", "2020-01-01")),
                bad("feeSchedule.lines[0].provinceAmounts.1", "PROVINCE_CODE_FORMAT",
                        d -> feeLine(d).putObject("provinceAmounts").put("1", 5000)),
                bad("feeSchedule.lines[0].legalBasis", "FEE_LEGAL_BASIS_REQUIRED", d -> feeLine(d).put("legalBasis", "")),
                bad("feeSchedule.lines[0].exemptions[0].proofComponent", "EXEMPTION_COMPONENT_UNKNOWN",
                        d -> feeLine(d).withArray("exemptions").addObject().put("category", "CHILD")
                                .put("proof", "COMPONENT").put("proofComponent", "no-such-component")),
                bad("feeSchedule", "REQUIRED_OR_UNKNOWN", d -> {
                    d.putNull("feeSchedule");
                    removeUnknown(d, "feeSchedule");
                }),
                bad("processingTime.value", "TIME_POSITIVE", d -> ((ObjectNode) d.get("processingTime")).put("value", 0)),
                bad("processingTime.value", "TIME_POSITIVE", d -> ((ObjectNode) d.get("processingTime")).put("value", -3)),
                bad("processingTime.value", "TIME_POSITIVE",
                        d -> ((ObjectNode) d.get("processingTime")).put("unit", "IMMEDIATE").put("value", 2)),
                bad("processingTime", "REQUIRED_OR_UNKNOWN", d -> d.putNull("processingTime")),
                bad("level", "REQUIRED_OR_UNKNOWN", d -> d.putNull("level")),
                bad("components[1].code", "COMPONENT_CODE_DUPLICATE",
                        d -> component(d, 1).put("code", component(d, 0).get("code").asText())),
                bad("components[0].code", "COMPONENT_CODE_FORMAT", d -> component(d, 0).put("code", "Tờ khai")),
                bad("components[0].acceptedTypes", "COMPONENT_TYPE_NOT_ALLOWED",
                        d -> component(d, 0).putArray("acceptedTypes").add("application/pdf").add("application/zip")),
                bad("components[0].acceptedTypes", "COMPONENT_TYPE_NOT_ALLOWED", d -> component(d, 0).putArray("acceptedTypes")),
                bad("components[0].maxBytes", "COMPONENT_MAX_BYTES", d -> component(d, 0).put("maxBytes", 0)),
                bad("components[0].maxBytes", "COMPONENT_MAX_BYTES", d -> component(d, 0).put("maxBytes", 20L * 1024 * 1024 + 1)),
                bad("components[0].name.vi", "COMPONENT_NAME_REQUIRED",
                        d -> component(d, 0).putObject("name").put("vi", "").put("en", "Form")),
                bad("publishedProvinces[1]", "PROVINCE_CODE_FORMAT", d -> d.putArray("publishedProvinces").add("01").add("1A")),
                bad("publishedProvinces[1]", "PROVINCE_DUPLICATE", d -> d.putArray("publishedProvinces").add("79").add("79")),
                bad("effectiveTo", "EFFECTIVE_DATES_ORDER",
                        d -> d.put("effectiveFrom", "2026-01-01").put("effectiveTo", "2025-12-31")),
                bad("formSchema", "FORM_SCHEMA_NOT_OBJECT", d -> d.putArray("formSchema")),
                bad("formSchema", "FORM_SCHEMA_NOT_OBJECT", d -> ((ObjectNode) d.get("formSchema")).put("type", "array")),
                bad("formSchema", "FORM_SCHEMA_NOT_OBJECT", d -> d.putNull("formSchema")),
                bad("formSchema.$schema", "FORM_SCHEMA_DIALECT",
                        d -> ((ObjectNode) d.get("formSchema")).put("$schema", "http://json-schema.org/draft-07/schema#")),
                bad("unknowns[0]", "UNKNOWN_INCOMPLETE", d -> ((ObjectNode) d.withArray("unknowns").get(0)).put("reason", "")));
    }

    private static Arguments bad(String path, String code, Consumer<ObjectNode> breakIt) {
        return Arguments.of(path, code, breakIt);
    }

    private static void removeUnknown(ObjectNode doc, String field) {
        ArrayNode unknowns = doc.withArray("unknowns");
        for (int i = unknowns.size() - 1; i >= 0; i--) {
            if (field.equals(unknowns.get(i).get("field").asText())) {
                unknowns.remove(i);
            }
        }
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("brokenDocuments")
    void reportsTheBrokenRuleAtItsPath(String path, String code, Consumer<ObjectNode> breakIt) throws Exception {
        ObjectNode doc = validDocument();
        assertEquals(List.of(), validate(doc), "the starting document is valid");
        breakIt.accept(doc);
        List<FieldError> errors = validate(doc);
        assertTrue(errors.stream().anyMatch(e -> e.path().equals(path) && e.code().equals(code)),
                "expected " + code + " at " + path + " but got " + errors);
        errors.forEach(e -> assertTrue(!e.message().vi().isBlank() && !e.message().en().isBlank()));
    }

    @Test
    void aNullValueIsAcceptedWhenListedAsUnknown() throws Exception {
        ObjectNode doc = validDocument();
        doc.putNull("processingTime");
        doc.withArray("unknowns").addObject().put("field", "processingTime").put("reason", "Không có trong nguồn.");
        assertEquals(List.of(), validate(doc));
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        ObjectNode doc = validDocument();
        doc.put("code", "abc");
        doc.put("agencyKind", "NAVY");
        component(doc, 0).put("maxBytes", -1);
        assertEquals(3, validate(doc).size());
    }

    @Test
    void missingDocumentIsAnError() {
        assertEquals("DOCUMENT_MISSING", ProcedureValidator.validate(null).get(0).code());
    }
}
