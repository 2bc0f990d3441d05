package vn.dvc.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dvc.core.fees.Exemption;
import vn.dvc.core.fees.FeeLine;
import vn.dvc.core.fees.OnlineReduction;
import vn.dvc.core.fees.ProofKind;
import vn.dvc.core.text.LocalizedText;

/**
 * Checks a whole procedure document before an operator's new version is published, and the bundled seed in tests.
 * Reports every problem found, never stops at the first. A required value may be null only if the document
 * lists it under {@code unknowns} (nothing is silently missing).
 */
public final class ProcedureValidator {

    /** National procedure codes look like 1.004222 or 2.001159. */
    static final Pattern CODE = Pattern.compile("^[0-9]\\.[0-9]{6}$");
    static final Pattern COMPONENT_CODE = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    static final Pattern PROVINCE_CODE = Pattern.compile("^[0-9]{2}$");
    public static final Set<String> ACCEPTED_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");
    /** Largest upload a component may allow; larger scans are rejected at intake anyway. */
    public static final long MAX_COMPONENT_BYTES = 20L * 1024 * 1024;

    private ProcedureValidator() {}

    public static List<FieldError> validate(Procedure p) {
        List<FieldError> errors = new ArrayList<>();
        if (p == null) {
            errors.add(error("", "DOCUMENT_MISSING", "Thiếu tài liệu thủ tục", "Procedure document is missing"));
            return errors;
        }
        if (p.code() == null || !CODE.matcher(p.code()).matches()) {
            errors.add(error("code", "CODE_FORMAT", "Mã thủ tục phải có dạng 1.004222",
                    "Procedure code must look like 1.004222"));
        }
        if (p.version() < 1) {
            errors.add(error("version", "VERSION_POSITIVE", "Phiên bản phải từ 1 trở lên", "Version must be 1 or more"));
        }
        if (p.name() == null || p.name().vi().isBlank()) {
            errors.add(error("name.vi", "NAME_REQUIRED", "Tên thủ tục (tiếng Việt) là bắt buộc",
                    "The Vietnamese name is required"));
        }
        if (p.level() == null && !p.isUnknown("level")) {
            errors.add(requiredOrUnknown("level"));
        }
        if (p.agencyKind() == null || !Procedure.AGENCY_KINDS.contains(p.agencyKind())) {
            errors.add(error("agencyKind", "AGENCY_KIND_UNKNOWN", "Loại cơ quan thực hiện không hợp lệ",
                    "Agency kind is not one of " + Procedure.AGENCY_KINDS));
        }
        validateProcessingTime(p, errors);
        validateComponents(p, errors);
        validateFees(p, errors);
        validateFormSchema(p.formSchema(), errors);
        validateProvinces(p.publishedProvinces(), errors);
        if (p.effectiveFrom() != null && p.effectiveTo() != null && p.effectiveTo().isBefore(p.effectiveFrom())) {
            errors.add(error("effectiveTo", "EFFECTIVE_DATES_ORDER", "Ngày hết hiệu lực trước ngày có hiệu lực",
                    "effectiveTo is before effectiveFrom"));
        }
        for (int i = 0; i < p.unknowns().size(); i++) {
            UnknownValue unknown = p.unknowns().get(i);
            if (unknown == null || blank(unknown.field()) || blank(unknown.reason())) {
                errors.add(error("unknowns[" + i + "]", "UNKNOWN_INCOMPLETE",
                        "Mục chưa xác định phải ghi tên trường và lý do", "An unknown names its field and why"));
            }
        }
        return errors;
    }

    private static void validateProcessingTime(Procedure p, List<FieldError> errors) {
        ProcessingTime time = p.processingTime();
        if (time == null) {
            if (!p.isUnknown("processingTime")) {
                errors.add(requiredOrUnknown("processingTime"));
            }
            return;
        }
        if (time.unit() == ProcessingTimeUnit.IMMEDIATE ? time.value() != 0 : time.value() <= 0) {
            errors.add(error("processingTime.value", "TIME_POSITIVE",
                    "Thời hạn giải quyết phải là số dương (0 nếu giải quyết ngay)",
                    "Processing time must be positive (0 when immediate)"));
        }
    }

    private static void validateComponents(Procedure p, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.components().size(); i++) {
            DocumentComponent c = p.components().get(i);
            String path = "components[" + i + "]";
            if (c == null) {
                errors.add(error(path, "COMPONENT_MISSING", "Thành phần hồ sơ rỗng", "Empty component"));
                continue;
            }
            if (!COMPONENT_CODE.matcher(c.code()).matches()) {
                errors.add(error(path + ".code", "COMPONENT_CODE_FORMAT",
                        "Mã thành phần hồ sơ chỉ gồm chữ thường, số và dấu gạch ngang",
                        "Component code must be a lowercase slug"));
            }
            if (!seen.add(c.code())) {
                errors.add(error(path + ".code", "COMPONENT_CODE_DUPLICATE", "Mã thành phần hồ sơ bị trùng: " + c.code(),
                        "Duplicate component code: " + c.code()));
            }
            if (c.name().vi().isBlank()) {
                errors.add(error(path + ".name.vi", "COMPONENT_NAME_REQUIRED", "Tên thành phần hồ sơ là bắt buộc",
                        "Component name is required"));
            }
            if (c.acceptedTypes().isEmpty() || !ACCEPTED_TYPES.containsAll(c.acceptedTypes())) {
                errors.add(error(path + ".acceptedTypes", "COMPONENT_TYPE_NOT_ALLOWED",
                        "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG", "Accepted types must be among " + ACCEPTED_TYPES));
            }
            if (c.maxBytes() <= 0 || c.maxBytes() > MAX_COMPONENT_BYTES) {
                errors.add(error(path + ".maxBytes", "COMPONENT_MAX_BYTES",
                        "Dung lượng tối đa phải lớn hơn 0 và không quá 20 MB", "maxBytes must be in (0, 20 MB]"));
            }
            if (c.quantityOriginal() < 0 || c.quantityCopy() < 0) {
                errors.add(error(path + ".quantityOriginal", "COMPONENT_QUANTITY_NEGATIVE",
                        "Số lượng bản chính, bản sao không được âm", "Quantities must not be negative"));
            }
        }
    }

    private static void validateFees(Procedure p, List<FieldError> errors) {
        if (p.feeSchedule() == null) {
            if (!p.isUnknown("feeSchedule")) {
                errors.add(requiredOrUnknown("feeSchedule"));
            }
            return;
        }
        Set<String> componentCodes = new HashSet<>();
        p.components().forEach(c -> { if (c != null) componentCodes.add(c.code()); });
        Set<String> lineCodes = new HashSet<>();
        List<FeeLine> lines = p.feeSchedule().lines();
        for (int i = 0; i < lines.size(); i++) {
            FeeLine line = lines.get(i);
            String path = "feeSchedule.lines[" + i + "]";
            if (!lineCodes.add(line.code())) {
                errors.add(error(path + ".code", "FEE_CODE_DUPLICATE", "Mã khoản phí bị trùng", "Duplicate fee line code"));
            }
            if (line.amount() < 0) {
                errors.add(error(path + ".amount", "FEE_NEGATIVE", "Mức thu không được âm", "Fee amount must not be negative"));
            }
            if (line.includedCopies() < 0) {
                errors.add(error(path + ".includedCopies", "FEE_COPIES_NEGATIVE", "Số bản kèm theo không được âm",
                        "includedCopies must not be negative"));
            }
            if (blank(line.legalBasis())) {
                errors.add(error(path + ".legalBasis", "FEE_LEGAL_BASIS_REQUIRED", "Khoản phí phải nêu căn cứ pháp lý",
                        "Every fee line cites its legal basis"));
            }
            for (Map.Entry<String, Long> province : line.provinceAmounts().entrySet()) {
                if (!PROVINCE_CODE.matcher(province.getKey()).matches()) {
                    errors.add(error(path + ".provinceAmounts." + province.getKey(), "PROVINCE_CODE_FORMAT",
                            "Mã tỉnh phải gồm 2 chữ số", "Province code must be 2 digits"));
                }
                if (province.getValue() == null || province.getValue() < 0) {
                    errors.add(error(path + ".provinceAmounts." + province.getKey(), "FEE_NEGATIVE",
                            "Mức thu không được âm", "Fee amount must not be negative"));
                }
            }
            for (int r = 0; r < line.onlineReductions().size(); r++) {
                OnlineReduction reduction = line.onlineReductions().get(r);
                String rPath = path + ".onlineReductions[" + r + "]";
                if (reduction.reducedAmount() != null && reduction.reducedAmount() < 0) {
                    errors.add(error(rPath + ".reducedAmount", "FEE_NEGATIVE", "Mức thu không được âm",
                            "Fee amount must not be negative"));
                }
                if (reduction.percent() != null && (reduction.percent() < 1 || reduction.percent() > 100)) {
                    errors.add(error(rPath + ".percent", "REDUCTION_PERCENT_RANGE", "Tỷ lệ giảm phải từ 1 đến 100",
                            "Reduction percent must be 1..100"));
                }
                if (reduction.validTo() != null && reduction.validTo().isBefore(reduction.validFrom())) {
                    errors.add(error(rPath + ".validTo", "EFFECTIVE_DATES_ORDER", "Ngày kết thúc trước ngày bắt đầu",
                            "validTo is before validFrom"));
                }
            }
            for (int e = 0; e < line.exemptions().size(); e++) {
                Exemption exemption = line.exemptions().get(e);
                if (exemption.proof() == ProofKind.COMPONENT && !componentCodes.contains(exemption.proofComponent())) {
                    errors.add(error(path + ".exemptions[" + e + "].proofComponent", "EXEMPTION_COMPONENT_UNKNOWN",
                            "Giấy tờ chứng minh đối tượng miễn không có trong thành phần hồ sơ",
                            "The exemption's proof component is not a component of this procedure"));
                }
            }
        }
    }

    private static void validateFormSchema(JsonNode schema, List<FieldError> errors) {
        if (schema == null || !schema.isObject() || !"object".equals(schema.path("type").asText())) {
            errors.add(error("formSchema", "FORM_SCHEMA_NOT_OBJECT",
                    "Biểu mẫu phải là JSON Schema kiểu object", "formSchema must be a JSON Schema with type object"));
            return;
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !dialect.asText().startsWith("https://json-schema.org/draft/2020-12/")) {
            errors.add(error("formSchema.$schema", "FORM_SCHEMA_DIALECT", "Biểu mẫu phải theo JSON Schema 2020-12",
                    "formSchema must use JSON Schema draft 2020-12"));
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && !properties.isObject()) {
            errors.add(error("formSchema.properties", "FORM_SCHEMA_NOT_OBJECT", "Mục properties phải là object",
                    "formSchema.properties must be an object"));
        }
    }

    private static void validateProvinces(List<String> provinces, List<FieldError> errors) {
        if (provinces == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < provinces.size(); i++) {
            String province = provinces.get(i);
            if (province == null || !PROVINCE_CODE.matcher(province).matches()) {
                errors.add(error("publishedProvinces[" + i + "]", "PROVINCE_CODE_FORMAT", "Mã tỉnh phải gồm 2 chữ số",
                        "Province code must be 2 digits"));
            } else if (!seen.add(province)) {
                errors.add(error("publishedProvinces[" + i + "]", "PROVINCE_DUPLICATE", "Mã tỉnh bị trùng",
                        "Duplicate province code"));
            }
        }
    }

    private static FieldError requiredOrUnknown(String field) {
        return error(field, "REQUIRED_OR_UNKNOWN", "Trường " + field + " bắt buộc, hoặc phải ghi vào danh sách chưa xác định",
                field + " is required, or must be listed in unknowns");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static FieldError error(String path, String code, String vi, String en) {
        return new FieldError(path, code, LocalizedText.of(vi, en));
    }
}
