package vn.dvc.core.legacy;

import vn.dvc.core.text.LocalizedText;

/**
 * Why a legacy row was not imported: a machine-readable code, the field concerned (or null) and the reason in
 * Vietnamese and English, as written to the row-level error report. Never carries the row's personal data.
 */
public record RowFailure(String code, String field, LocalizedText reason) {

    public static RowFailure of(String code, String field, String vi, String en) {
        return new RowFailure(code, field, LocalizedText.of(vi, en));
    }

    static RowFailure malformed(String detail) {
        return of("MALFORMED_ROW", null, "Dòng không đọc được: " + detail + ".", "The row cannot be read: " + detail + ".");
    }

    static RowFailure missing(String field) {
        return of("MISSING_FIELD", field, "Thiếu trường bắt buộc " + field + ".", "The required field " + field + " is missing.");
    }

    static RowFailure badDate(String field) {
        return of("BAD_DATE", field, "Ngày/giờ không hợp lệ ở trường " + field + " (dùng yyyy-MM-dd, dd/MM/yyyy hoặc ISO-8601).",
                "Invalid date/time in " + field + " (use yyyy-MM-dd, dd/MM/yyyy or ISO-8601).");
    }
}
