package vn.dvc.core.legacy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.units.Text;

/**
 * One row of a legacy export, checked field by field (see docs/legacy-import.md for the columns). Built by
 * {@link #parse}, which returns the first problem found instead of a row.
 */
public record LegacyRow(
        int row,
        String originalCode,
        String procedureCode,
        String oldProvinceCode,
        String oldDistrictCode,
        String oldCommuneCode,
        String oldCommuneName,
        String addressDetail,
        String newCommuneCode,
        String personalId,
        String fullName,
        LocalDate dateOfBirth,
        String phone,
        String email,
        Instant receivedAt,
        Due due,
        Integer remainingWorkingDays,
        DossierStatus status,
        String legacyStatus,
        Channel channel,
        List<Document> documents) {

    /** The due time as given: an instant, or a date (due at the end of that day's office hours). */
    public record Due(Instant at, LocalDate date) {}

    /** A linked document: an object key in the document bucket or an https URL of the old system. */
    public record Document(String component, String key, String url) {}

    /** The columns of the format, in the generator's order. */
    public static final List<String> COLUMNS = List.of("original_code", "procedure_code", "old_province_code",
            "old_province_name", "old_district_code", "old_district_name", "old_commune_code", "old_commune_name",
            "address_detail", "new_commune_code", "applicant_personal_id", "applicant_full_name",
            "applicant_date_of_birth", "applicant_phone", "applicant_email", "received_at", "due_date",
            "remaining_working_days", "status", "channel", "documents");

    static final int MAX_DOCUMENTS = 20;
    private static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final DateTimeFormatter VN_DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm[:ss]")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    /** A row, or why not. */
    public sealed interface Parsed permits Ok, Bad {}

    public record Ok(LegacyRow row) implements Parsed {}

    public record Bad(RowFailure failure) implements Parsed {}

    public static Parsed parse(LegacyRecordReader.RawRecord raw) {
        if (raw.isMalformed()) {
            return new Bad(RowFailure.malformed(raw.malformed()));
        }
        Map<String, String> f = raw.fields();
        String originalCode = value(f, "original_code");
        if (originalCode == null) {
            return new Bad(RowFailure.missing("original_code"));
        }
        if (originalCode.length() > 64 || !originalCode.matches("[\\p{L}\\p{N}._:/#-]+")) {
            return new Bad(RowFailure.of("BAD_ORIGINAL_CODE", "original_code",
                    "Mã hồ sơ gốc không hợp lệ (tối đa 64 ký tự chữ, số, . _ : / # -).",
                    "The original dossier code is invalid (at most 64 letters, digits, . _ : / # -)."));
        }
        String procedureCode = value(f, "procedure_code");
        if (procedureCode == null) {
            return new Bad(RowFailure.missing("procedure_code"));
        }
        String oldCommune = value(f, "old_commune_code");
        String oldDistrict = value(f, "old_district_code");
        String oldProvince = value(f, "old_province_code");
        if (oldCommune == null && oldDistrict == null && oldProvince == null) {
            return new Bad(RowFailure.missing("old_commune_code"));
        }
        String personalId = value(f, "applicant_personal_id");
        if (personalId == null) {
            return new Bad(RowFailure.missing("applicant_personal_id"));
        }
        if (!ApplicantKeys.isPersonalId(personalId)) {
            return new Bad(RowFailure.of("BAD_PERSONAL_ID", "applicant_personal_id",
                    "Số định danh cá nhân phải có 12 chữ số.", "The personal identification number has 12 digits."));
        }
        String fullName = value(f, "applicant_full_name");
        if (fullName == null) {
            return new Bad(RowFailure.missing("applicant_full_name"));
        }
        LocalDate dob = null;
        String dobText = value(f, "applicant_date_of_birth");
        if (dobText != null) {
            dob = date(dobText);
            if (dob == null) {
                return new Bad(RowFailure.badDate("applicant_date_of_birth"));
            }
        }
        String receivedText = value(f, "received_at");
        if (receivedText == null) {
            return new Bad(RowFailure.missing("received_at"));
        }
        Instant received = instant(receivedText, false);
        if (received == null) {
            return new Bad(RowFailure.badDate("received_at"));
        }
        String dueText = value(f, "due_date");
        String remainingText = value(f, "remaining_working_days");
        if (dueText == null && remainingText == null) {
            return new Bad(RowFailure.missing("due_date"));
        }
        Due due = null;
        if (dueText != null) {
            LocalDate d = date(dueText);
            if (d != null) {
                due = new Due(null, d);
            } else {
                Instant at = instant(dueText, true);
                if (at == null) {
                    return new Bad(RowFailure.badDate("due_date"));
                }
                due = new Due(at, null);
            }
            LocalDate dueDay = due.date() != null ? due.date() : due.at().atZone(WorkingDayCalendar.ZONE).toLocalDate();
            if (dueDay.isBefore(received.atZone(WorkingDayCalendar.ZONE).toLocalDate())) {
                return new Bad(RowFailure.of("DUE_BEFORE_RECEIVED", "due_date", "Hạn trả kết quả trước ngày tiếp nhận.",
                        "The due date is before the date of receipt."));
            }
        }
        Integer remaining = null;
        if (remainingText != null) {
            try {
                remaining = Integer.parseInt(remainingText);
            } catch (NumberFormatException e) {
                remaining = -1;
            }
            if (remaining < 0 || remaining > 365) {
                return new Bad(RowFailure.of("BAD_REMAINING_DAYS", "remaining_working_days",
                        "Số ngày làm việc còn lại phải là số nguyên từ 0 đến 365.",
                        "The remaining working days must be a whole number from 0 to 365."));
            }
        }
        String statusText = value(f, "status");
        if (statusText == null) {
            return new Bad(RowFailure.missing("status"));
        }
        DossierStatus status = status(statusText);
        if (status == null) {
            return new Bad(RowFailure.of("NOT_PENDING", "status",
                    "Trạng thái không phải hồ sơ đang giải quyết (chỉ nhập hồ sơ đã tiếp nhận, đang giải quyết hoặc chờ bổ sung).",
                    "The status is not a pending one (only received, in-progress or supplement-requested dossiers are imported)."));
        }
        Channel channel = Channel.COUNTER;
        String channelText = value(f, "channel");
        if (channelText != null) {
            try {
                channel = Channel.valueOf(channelText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return new Bad(RowFailure.of("BAD_CHANNEL", "channel", "Kênh nộp phải là ONLINE, COUNTER hoặc POST.",
                        "The channel is ONLINE, COUNTER or POST."));
            }
        }
        List<Document> documents = new ArrayList<>();
        String docs = value(f, "documents");
        if (docs != null) {
            int i = 0;
            for (String part : docs.split("\\|")) {
                String entry = part.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                i++;
                int eq = entry.indexOf('=');
                String component = eq > 0 && !entry.substring(0, eq).contains("/") ? entry.substring(0, eq).strip() : null;
                String location = component != null ? entry.substring(eq + 1).strip() : entry;
                if (component == null) {
                    component = "legacy-document-" + i;
                }
                if (!component.matches("[a-z0-9-]{1,64}")) {
                    return new Bad(badDocument());
                }
                if (location.startsWith("https://")) {
                    if (location.length() > 1024 || location.chars().anyMatch(ch -> ch <= ' ')) {
                        return new Bad(badDocument());
                    }
                    documents.add(new Document(component, null, location));
                } else if (location.startsWith("legacy/") && location.length() <= 512 && !location.contains("..")
                        && location.chars().noneMatch(ch -> ch < ' ')) {
                    documents.add(new Document(component, location, null));
                } else {
                    return new Bad(badDocument());
                }
            }
            if (documents.size() > MAX_DOCUMENTS) {
                return new Bad(badDocument());
            }
            if (documents.stream().map(Document::component).distinct().count() != documents.size()) {
                return new Bad(badDocument());
            }
        }
        String email = value(f, "applicant_email");
        String phone = value(f, "applicant_phone");
        String address = value(f, "address_detail");
        return new Ok(new LegacyRow(raw.row(), originalCode, procedureCode, oldProvince, oldDistrict, oldCommune,
                value(f, "old_commune_name"), address, value(f, "new_commune_code"), personalId, truncate(fullName, 200),
                dob, truncate(phone, 20), truncate(email, 254), received, due, remaining, status, statusText, channel,
                List.copyOf(documents)));
    }

    private static RowFailure badDocument() {
        return RowFailure.of("BAD_DOCUMENT", "documents",
                "Tài liệu phải là khóa S3 dưới legacy/ hoặc địa chỉ https, tối đa " + MAX_DOCUMENTS
                        + " tài liệu, mỗi thành phần một lần.",
                "Each document is an S3 key under legacy/ or an https URL; at most " + MAX_DOCUMENTS
                        + " documents, each component once.");
    }

    /** A legacy status: our status names or the old systems' Vietnamese labels; null if not a pending status. */
    static DossierStatus status(String text) {
        String s = Text.fold(text).replace('_', ' ');
        return switch (s) {
            case "received", "accepted", "da tiep nhan", "moi tiep nhan", "cho xu ly" -> DossierStatus.ACCEPTED;
            case "in progress", "dang xu ly", "dang giai quyet" -> DossierStatus.IN_PROGRESS;
            case "supplement requested", "cho bo sung", "yeu cau bo sung" -> DossierStatus.SUPPLEMENT_REQUESTED;
            default -> null;
        };
    }

    private static String value(Map<String, String> f, String name) {
        String v = f.get(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    private static String truncate(String v, int max) {
        return v == null || v.length() <= max ? v : v.substring(0, max);
    }

    /** A plain date: yyyy-MM-dd or dd/MM/yyyy; null if it is not one. */
    static LocalDate date(String text) {
        try {
            if (text.length() == 10 && text.charAt(4) == '-') {
                return LocalDate.parse(text);
            }
            if (text.length() == 10 && text.charAt(2) == '/') {
                return LocalDate.parse(text, VN_DATE);
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    /** A date or date-time; without an offset it is Vietnam time; a plain date is its start (or its end). */
    static Instant instant(String text, boolean endOfDay) {
        LocalDate d = date(text);
        if (d != null) {
            return (endOfDay ? d.atTime(23, 59, 59) : d.atStartOfDay()).atZone(WorkingDayCalendar.ZONE).toInstant();
        }
        try {
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            if (text.contains("T")) {
                return LocalDateTime.parse(text).atZone(WorkingDayCalendar.ZONE).toInstant();
            }
            if (text.length() >= 16 && text.charAt(2) == '/') {
                return LocalDateTime.parse(text, VN_DATE_TIME).atZone(WorkingDayCalendar.ZONE).toInstant();
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }
}
