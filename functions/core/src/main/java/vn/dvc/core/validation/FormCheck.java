package vn.dvc.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import vn.dvc.core.text.LocalizedText;

/**
 * Checks a form against the subset of JSON Schema (2020-12) the catalog uses: type, required, properties,
 * additionalProperties:false, enum, pattern, minLength/maxLength, format date/email, items, uniqueItems. It never
 * throws on odd data: every problem becomes a {@link Problem} (a supplement reason), and the walk is bounded.
 */
public final class FormCheck {
    private static final int MAX_PROBLEMS = 50;
    private static final int MAX_DEPTH = 16;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** One problem: the JSON path of the field and a machine code, with a text for the citizen. */
    public record Problem(String path, String code, LocalizedText reason) {}

    private FormCheck() {}

    public static List<Problem> check(JsonNode schema, JsonNode form) {
        List<Problem> problems = new ArrayList<>();
        if (schema == null || schema.isNull() || schema.isMissingNode()) {
            return problems;
        }
        try {
            walk(schema, form, "form", problems, 0);
        } catch (RuntimeException e) {
            // A schema construct we do not understand must not crash validation; say so once.
            problems.add(new Problem("form", "UNCHECKABLE", LocalizedText.of(
                    "Không kiểm tra được dữ liệu tờ khai; cán bộ sẽ kiểm tra thủ công.",
                    "The form data could not be checked automatically; an official will check it.")));
        }
        return problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, List<Problem> problems, int depth) {
        if (problems.size() > MAX_PROBLEMS || depth > MAX_DEPTH || !schema.isObject()) {
            return;
        }
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null && enumeration.isArray()) {
            boolean found = false;
            for (JsonNode allowed : enumeration) {
                found |= allowed.equals(value);
            }
            if (!found) {
                problems.add(problem(path, "NOT_ALLOWED", "Giá trị không thuộc danh sách cho phép", "Value not among the allowed ones"));
                return;
            }
        }
        String type = schema.path("type").asText(null);
        if (type != null && !hasType(value, type)) {
            problems.add(problem(path, "WRONG_TYPE", "Sai kiểu dữ liệu (cần " + type + ")", "Wrong type (expected " + type + ")"));
            return;
        }
        if (value.isObject()) {
            checkObject(schema, value, path, problems, depth);
        } else if (value.isArray()) {
            JsonNode items = schema.get("items");
            Set<JsonNode> seen = new HashSet<>();
            int i = 0;
            for (JsonNode item : value) {
                if (schema.path("uniqueItems").asBoolean(false) && !seen.add(item)) {
                    problems.add(problem(path + "[" + i + "]", "DUPLICATE", "Giá trị bị lặp", "Duplicate value"));
                }
                if (items != null) {
                    walk(items, item, path + "[" + i + "]", problems, depth + 1);
                }
                i++;
            }
        } else if (value.isTextual()) {
            checkText(schema, value.asText(), path, problems);
        }
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, List<Problem> problems, int depth) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            JsonNode field = value.get(required.asText());
            if (field == null || field.isNull() || (field.isTextual() && field.asText().isBlank())) {
                problems.add(problem(path + "." + required.asText(), "REQUIRED", "Thiếu thông tin bắt buộc", "Required information missing"));
            }
        }
        boolean closed = schema.has("additionalProperties") && !schema.path("additionalProperties").asBoolean(true);
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode sub = properties.get(field.getKey());
            String fieldPath = path + "." + field.getKey();
            if (sub == null) {
                if (closed) {
                    problems.add(problem(fieldPath, "UNKNOWN_FIELD", "Trường thông tin không có trong mẫu tờ khai",
                            "Field not part of the form"));
                }
            } else if (!field.getValue().isNull()) {
                walk(sub, field.getValue(), fieldPath, problems, depth + 1);
            }
        }
    }

    private static void checkText(JsonNode schema, String text, String path, List<Problem> problems) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.path("minLength").asInt()) {
            problems.add(problem(path, "TOO_SHORT", "Quá ngắn", "Too short"));
        }
        if (schema.has("maxLength") && length > schema.path("maxLength").asInt()) {
            problems.add(problem(path, "TOO_LONG", "Quá dài", "Too long"));
        }
        String pattern = schema.path("pattern").asText(null);
        if (pattern != null) {
            try {
                if (!Pattern.compile(pattern).matcher(text).find()) {
                    problems.add(problem(path, "BAD_FORMAT", "Sai định dạng", "Wrong format"));
                }
            } catch (PatternSyntaxException e) {
                // the catalog validator rejects bad patterns; an old version with one is simply not checked
            }
        }
        String format = schema.path("format").asText(null);
        if ("date".equals(format)) {
            try {
                LocalDate.parse(text);
            } catch (RuntimeException e) {
                problems.add(problem(path, "BAD_DATE", "Ngày không hợp lệ (yyyy-mm-dd)", "Invalid date (yyyy-mm-dd)"));
            }
        } else if ("email".equals(format) && !EMAIL.matcher(text).matches()) {
            problems.add(problem(path, "BAD_EMAIL", "Địa chỉ thư điện tử không hợp lệ", "Invalid e-mail address"));
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static Problem problem(String path, String code, String vi, String en) {
        return new Problem(path, code, LocalizedText.of(vi + ": " + path + ".", en + ": " + path + "."));
    }
}
