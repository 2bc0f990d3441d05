package vn.dvc.core.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import vn.dvc.core.text.LocalizedText;

/**
 * Reads a procedure document sent by an operator, strictly: amounts, times and counts must be JSON integers
 * (a fee of 1.5 VND or "20000" is an error, never rounded or coerced), a number where text is expected or an
 * unknown enum value is an error at its path. Then {@link ProcedureValidator} checks the rules. All problems
 * found are reported together.
 */
public final class ProcedureDocuments {

    /** A parsed document, or the problems that stop it from being one. */
    public record Parsed(Procedure procedure, List<FieldError> errors) {
        public boolean valid() {
            return procedure != null && errors.isEmpty();
        }
    }

    private ProcedureDocuments() {}

    /** Parses and validates; {@code procedure} is null when the document could not be read at all. */
    public static Parsed parse(JsonNode document) {
        List<FieldError> errors = new ArrayList<>();
        if (document == null || !document.isObject()) {
            errors.add(error("", "DOCUMENT_NOT_OBJECT", "Tài liệu thủ tục phải là một đối tượng JSON",
                    "The procedure document must be a JSON object"));
            return new Parsed(null, errors);
        }
        // Non-integers are reported, then stood in for by 1 in a copy, so the validator still sees the rest.
        JsonNode bindable = document.deepCopy();
        checkIntegers(bindable, errors);
        Procedure procedure = null;
        // A value of the wrong shape is reported, then removed from the copy and binding tried again, so one typo
        // does not hide the rest of the document's problems.
        for (int attempt = 0; attempt < 20 && procedure == null; attempt++) {
            try {
                procedure = Strict.MAPPER.treeToValue(bindable, Procedure.class);
            } catch (JsonMappingException e) {
                String path = path(e.getPath());
                if (errors.stream().noneMatch(f -> f.path().equals(path))) {
                    errors.add(error(path, "DOCUMENT_SHAPE", "Giá trị không đúng kiểu hoặc thiếu trường bắt buộc tại " + path,
                            "Wrong type or missing required value at " + path));
                }
                if (!remove(bindable, e.getPath())) {
                    break;
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                errors.add(error("", "DOCUMENT_SHAPE", "Tài liệu thủ tục không đọc được", "The procedure document cannot be read"));
                break;
            }
        }
        if (procedure != null) {
            errors.addAll(ProcedureValidator.validate(procedure));
        }
        return new Parsed(errors.isEmpty() ? procedure : null, List.copyOf(errors));
    }

    /** Integer-valued fields: present and non-null means a JSON integer. */
    private static void checkIntegers(JsonNode doc, List<FieldError> errors) {
        integer(doc, "version", "version", errors);
        required(doc.path("processingTime"), "value", "processingTime.value", errors);
        JsonNode components = doc.path("components");
        for (int i = 0; i < components.size(); i++) {
            for (String f : List.of("maxBytes", "quantityOriginal", "quantityCopy")) {
                required(components.path(i), f, "components[" + i + "]." + f, errors);
            }
        }
        JsonNode lines = doc.path("feeSchedule").path("lines");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.path(i);
            String path = "feeSchedule.lines[" + i + "]";
            required(line, "amount", path + ".amount", errors);
            required(line, "includedCopies", path + ".includedCopies", errors);
            JsonNode amounts = line.path("provinceAmounts");
            for (Iterator<Map.Entry<String, JsonNode>> it = amounts.fields(); it.hasNext(); ) {
                var entry = it.next();
                integer(amounts, entry.getKey(), path + ".provinceAmounts." + entry.getKey(), errors);
            }
            JsonNode reductions = line.path("onlineReductions");
            for (int r = 0; r < reductions.size(); r++) {
                integer(reductions.path(r), "reducedAmount", path + ".onlineReductions[" + r + "].reducedAmount", errors);
                integer(reductions.path(r), "percent", path + ".onlineReductions[" + r + "].percent", errors);
            }
        }
    }

    /** A required integer of an object that is there: missing or null is an error (never a silent 0). */
    private static void required(JsonNode parent, String field, String path, List<FieldError> errors) {
        if (!parent.isObject()) {
            return;
        }
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) parent).put(field, 1);
            errors.add(error(path, "REQUIRED", "Thiếu giá trị bắt buộc tại " + path, "A value is required at " + path));
            return;
        }
        integer(parent, field, path, errors);
    }

    private static void integer(JsonNode parent, String field, String path, List<FieldError> errors) {
        JsonNode value = parent.isObject() ? parent.get(field) : null;
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) parent).put(field, 1);
            errors.add(error(path, "NOT_AN_INTEGER", "Giá trị tại " + path + " phải là số nguyên (VND, ngày, byte)",
                    "The value at " + path + " must be an integer (VND, days, bytes)"));
        }
    }

    /** Removes the value at the failing path from the copy; false when there is nothing (more) to remove. */
    private static boolean remove(JsonNode root, List<JsonMappingException.Reference> references) {
        if (references.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (JsonMappingException.Reference r : references.subList(0, references.size() - 1)) {
            parent = r.getFieldName() != null ? parent.path(r.getFieldName()) : parent.path(r.getIndex());
        }
        JsonMappingException.Reference last = references.get(references.size() - 1);
        if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object && last.getFieldName() != null
                && object.has(last.getFieldName())) {
            object.remove(last.getFieldName());
            return true;
        }
        if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array && last.getIndex() >= 0
                && last.getIndex() < array.size()) {
            array.remove(last.getIndex());
            return true;
        }
        return false;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static FieldError error(String path, String code, String vi, String en) {
        return new FieldError(path, code, LocalizedText.of(vi, en));
    }

    /** The document mapper without its lenient coercions. Built on first use (only the PUT route needs it). */
    private static final class Strict {
        static final ObjectMapper MAPPER = create();

        private static ObjectMapper create() {
            ObjectMapper mapper = ProcedureCatalog.mapper().copy()
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
            for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
                mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            }
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
            return mapper;
        }
    }
}
