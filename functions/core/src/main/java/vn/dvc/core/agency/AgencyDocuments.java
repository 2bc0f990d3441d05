package vn.dvc.core.agency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dvc.core.catalog.FieldError;
import vn.dvc.core.text.LocalizedText;

/**
 * Reads an operator's replacement of an agency's values (the body of {@code PUT /agencies/{id}}) strictly, and
 * merges it onto the agency as it reads now.
 *
 * <ul>
 *   <li>Replaceable: {@code name} ({@code {vi, en}}, required; the Vietnamese name must carry diacritics),
 *       {@code address}, {@code hotline} (a Vietnamese number: 0xxxxxxxxx, +84..., 1800/1900...; stored without
 *       separators) and {@code officialCode} (mã định danh điện tử, e.g. {@code 000.00.01.H26}). Left out or null,
 *       an optional value is unknown (and listed in {@code unknown} again): the document is the whole new state.</li>
 *   <li>Fixed: {@code id}, {@code level}, {@code kind}, {@code unitCode}, {@code provinceCode}: may be sent back as
 *       read, never changed ({@code READ_ONLY_FIELD}).</li>
 *   <li>View-only fields of {@code GET /agencies/{id}} ({@code generated}, {@code source}, {@code unknown}, ...) are
 *       ignored, so a read document can be edited and sent back; any other field is {@code UNKNOWN_FIELD}.</li>
 *   <li>{@code revision} (optional): the revision this replacement will be, i.e. the current one + 1.</li>
 * </ul>
 * Every problem is reported at once; nothing is coerced (a number is not a string).
 */
public final class AgencyDocuments {
    static final int MAX_NAME = 250;
    static final int MAX_ADDRESS = 500;
    private static final Set<String> FIXED = Set.of("id", "level", "kind", "unitCode", "provinceCode");
    private static final Set<String> VIEW_ONLY = Set.of("generated", "source", "unknown", "note", "replacedBy",
            "replacedAt", "previousRevision");
    private static final Pattern PHONE = Pattern.compile("(?:0|\\+84)[1-9][0-9]{8,9}|1[89]00[0-9]{4,6}");
    private static final Pattern OFFICIAL_CODE = Pattern.compile("[A-Z0-9]{1,6}(?:\\.[A-Z0-9]{1,6}){1,5}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}\\u2028\\u2029]");

    private AgencyDocuments() {}

    /** The merged agency (null when there are errors), the revision the document names (null if none), the errors. */
    public record Parsed(Agency agency, Integer revision, List<FieldError> errors) {}

    public static Parsed parse(Agency current, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(error("", "NOT_AN_OBJECT", "Nội dung phải là một đối tượng JSON", "The body must be a JSON object"));
            return new Parsed(null, null, errors);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (FIXED.contains(name)) {
                String value = fixedValue(current, name);
                JsonNode given = body.get(name);
                if (!given.isTextual() || !given.asText().equals(value)) {
                    errors.add(error(name, "READ_ONLY_FIELD", "Không được thay đổi trường " + name + " (giữ giá trị " + value + ")",
                            "Field " + name + " cannot be changed (keep " + value + ")"));
                }
            } else if (!VIEW_ONLY.contains(name) && !Set.of("name", "address", "hotline", "officialCode", "revision").contains(name)) {
                errors.add(error(printable(name), "UNKNOWN_FIELD", "Trường không được hỗ trợ", "Unsupported field"));
            }
        }
        LocalizedText name = name(body.get("name"), errors);
        String address = text(body, "address", MAX_ADDRESS, errors);
        if (address != null && address.length() < 5) {
            errors.add(error("address", "ADDRESS_TOO_SHORT", "Địa chỉ quá ngắn", "The address is too short"));
        }
        String hotline = text(body, "hotline", 40, errors);
        if (hotline != null) {
            String digits = hotline.replaceAll("[\\s.()-]", "");
            if (!PHONE.matcher(digits).matches()) {
                errors.add(error("hotline", "INVALID_HOTLINE",
                        "Đường dây nóng phải là số điện thoại Việt Nam (0xxxxxxxxx, +84…, 1800…, 1900…)",
                        "The hotline must be a Vietnamese phone number (0xxxxxxxxx, +84…, 1800…, 1900…)"));
            }
            hotline = digits;
        }
        String officialCode = text(body, "officialCode", 40, errors);
        if (officialCode != null && !OFFICIAL_CODE.matcher(officialCode).matches()) {
            errors.add(error("officialCode", "INVALID_OFFICIAL_CODE",
                    "Mã định danh điện tử gồm các nhóm chữ in hoa và chữ số cách nhau bởi dấu chấm (ví dụ 000.00.01.H26)",
                    "The official code is groups of capital letters and digits separated by dots (e.g. 000.00.01.H26)"));
        }
        Integer revision = null;
        JsonNode r = body.get("revision");
        if (r != null && !r.isNull()) {
            if (!r.isIntegralNumber() || !r.canConvertToInt() || r.asInt() < 1) {
                errors.add(error("revision", "NOT_AN_INTEGER", "Số hiệu chỉnh phải là số nguyên dương",
                        "revision must be a positive integer"));
            } else {
                revision = r.asInt();
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, revision, List.copyOf(errors));
        }
        Agency merged = new Agency(current.id(), name, current.level(), current.kind(), current.unitCode(),
                current.provinceCode(), address, hotline, false, officialCode);
        return new Parsed(merged, revision, List.of());
    }

    /** The optional values still unknown after a replacement (or in a generated agency). */
    public static List<String> unknown(Agency agency) {
        List<String> unknown = new ArrayList<>();
        if (agency.officialCode() == null) {
            unknown.add("officialCode");
        }
        if (agency.address() == null) {
            unknown.add("address");
        }
        if (agency.hotline() == null) {
            unknown.add("hotline");
        }
        return unknown;
    }

    private static LocalizedText name(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(error("name", "REQUIRED", "Thiếu tên cơ quan (name.vi, name.en)", "The agency's name (name.vi, name.en) is missing"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(error("name", "NOT_AN_OBJECT", "Tên phải có dạng {\"vi\": …, \"en\": …}", "name must be {\"vi\": …, \"en\": …}"));
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals("vi") && !field.equals("en")) {
                errors.add(error("name." + printable(field), "UNKNOWN_FIELD", "Trường không được hỗ trợ", "Unsupported field"));
            }
        }
        String vi = text(node, "vi", "name.vi", MAX_NAME, errors);
        String en = text(node, "en", "name.en", MAX_NAME, errors);
        if (node.get("vi") == null || node.get("vi").isNull()) {
            errors.add(error("name.vi", "REQUIRED", "Thiếu tên tiếng Việt", "The Vietnamese name is missing"));
        }
        if (node.get("en") == null || node.get("en").isNull()) {
            errors.add(error("name.en", "REQUIRED", "Thiếu tên tiếng Anh", "The English name is missing"));
        }
        if (vi != null && vi.chars().noneMatch(c -> c > 127 && Character.isLetter(c))) {
            errors.add(error("name.vi", "NAME_WITHOUT_DIACRITICS", "Tên tiếng Việt phải viết có dấu",
                    "The Vietnamese name must be written with diacritics"));
        }
        return vi == null || en == null ? null : LocalizedText.of(vi, en);
    }

    private static String text(JsonNode body, String field, int max, List<FieldError> errors) {
        return text(body, field, field, max, errors);
    }

    /** A trimmed string, null when absent or JSON null; a non-string, a blank, an over-long or controlled one is an error. */
    private static String text(JsonNode body, String field, String path, int max, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(error(path, "NOT_A_STRING", "Giá trị phải là chuỗi ký tự", "The value must be a string"));
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            errors.add(error(path, "BLANK", "Giá trị không được để trống (bỏ trường hoặc dùng null nếu chưa biết)",
                    "The value must not be blank (leave the field out or use null when unknown)"));
            return null;
        }
        if (value.length() > max) {
            errors.add(error(path, "TOO_LONG", "Dài quá " + max + " ký tự", "Longer than " + max + " characters"));
            return null;
        }
        if (CONTROL.matcher(value).find()) {
            errors.add(error(path, "CONTROL_CHARACTER", "Có ký tự điều khiển không hợp lệ", "Contains a control character"));
            return null;
        }
        return value;
    }

    private static String fixedValue(Agency a, String field) {
        return switch (field) {
            case "id" -> a.id();
            case "level" -> a.level().name();
            case "kind" -> a.kind().name();
            case "unitCode" -> a.unitCode();
            default -> a.provinceCode();
        };
    }

    private static String printable(String s) {
        String p = s.replaceAll("[^\\p{L}\\p{N}_.-]", "?");
        return p.length() > 40 ? p.substring(0, 40) + "…" : p;
    }

    static FieldError error(String path, String code, String vi, String en) {
        return new FieldError(path, code, LocalizedText.of(vi, en));
    }

    /** The details of a 422: one entry per problem. */
    public static List<Map<String, Object>> details(List<FieldError> errors) {
        List<Map<String, Object>> details = new ArrayList<>();
        for (FieldError e : errors) {
            details.add(Map.of("path", e.path(), "code", e.code(), "messages", Map.of("vi", e.message().vi(), "en", e.message().en())));
        }
        return details;
    }
}
