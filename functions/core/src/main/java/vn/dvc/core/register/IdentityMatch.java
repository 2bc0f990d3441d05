package vn.dvc.core.register;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.text.LocalizedText;

/**
 * Compares what the applicant declared with the population register's record.
 * <ul>
 *   <li>personal identification number: exact;</li>
 *   <li>full name: equal after Unicode NFC, case folding and whitespace collapsing. Diacritics are part of a
 *       Vietnamese name ("Nguyễn" is not "Nguyen"), so they are never stripped;</li>
 *   <li>date of birth: exact;</li>
 *   <li>commune of residence: exact, only when the procedure is handled where the applicant resides.</li>
 * </ul>
 * A field the applicant left empty does not match.
 */
public final class IdentityMatch {
    public enum Outcome { MATCH, MISMATCH, NOT_FOUND }

    public static final String PERSONAL_ID = "personalId";
    public static final String FULL_NAME = "fullName";
    public static final String DATE_OF_BIRTH = "dateOfBirth";
    public static final String RESIDENCE = "residenceCommuneCode";

    /** {@code mismatched} names fields only, never their values. */
    public record Result(Outcome outcome, List<String> compared, List<String> mismatched) {
        public boolean matched() {
            return outcome == Outcome.MATCH;
        }
    }

    private IdentityMatch() {}

    /**
     * @param requiredResidence the commune the applicant must reside in, or null when the procedure does not need it
     */
    public static Result compare(Applicant applicant, String requiredResidence, Optional<CitizenRecord> record) {
        List<String> compared = new ArrayList<>(List.of(PERSONAL_ID, FULL_NAME, DATE_OF_BIRTH));
        if (requiredResidence != null) {
            compared.add(RESIDENCE);
        }
        if (record.isEmpty()) {
            return new Result(Outcome.NOT_FOUND, List.copyOf(compared), List.of());
        }
        CitizenRecord r = record.get();
        List<String> mismatched = new ArrayList<>();
        if (applicant == null || applicant.personalId() == null || !applicant.personalId().equals(r.personalId())) {
            mismatched.add(PERSONAL_ID);
        }
        String declaredName = applicant == null ? null : applicant.fullName();
        if (declaredName == null || declaredName.isBlank() || !normaliseName(declaredName).equals(normaliseName(r.fullName()))) {
            mismatched.add(FULL_NAME);
        }
        LocalDate declaredBirth = applicant == null ? null : applicant.dateOfBirth();
        if (declaredBirth == null || !declaredBirth.equals(r.dateOfBirth())) {
            mismatched.add(DATE_OF_BIRTH);
        }
        if (requiredResidence != null && !requiredResidence.equals(r.residenceCommuneCode())) {
            mismatched.add(RESIDENCE);
        }
        return new Result(mismatched.isEmpty() ? Outcome.MATCH : Outcome.MISMATCH, List.copyOf(compared), List.copyOf(mismatched));
    }

    /** NFC, lower case, single spaces, trimmed. Diacritics are kept. */
    public static String normaliseName(String name) {
        if (name == null) {
            return "";
        }
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        return nfc.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The citizen-facing reason for one mismatched field. */
    public static LocalizedText reason(String field) {
        return switch (field) {
            case PERSONAL_ID -> LocalizedText.of("Số định danh cá nhân không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
                    "The personal identification number does not match the national population database.");
            case FULL_NAME -> LocalizedText.of("Họ, chữ đệm và tên không khớp với Cơ sở dữ liệu quốc gia về dân cư (kể cả dấu).",
                    "The full name does not match the national population database (diacritics included).");
            case DATE_OF_BIRTH -> LocalizedText.of("Ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
                    "The date of birth does not match the national population database.");
            case RESIDENCE -> LocalizedText.of("Nơi cư trú không thuộc xã/phường tiếp nhận hồ sơ theo Cơ sở dữ liệu quốc gia về dân cư.",
                    "According to the national population database the applicant does not reside in the receiving commune.");
            default -> LocalizedText.of("Thông tin nhân thân không khớp.", "The identity details do not match.");
        };
    }

    public static final LocalizedText NOT_FOUND_REASON = LocalizedText.of(
            "Không tìm thấy số định danh cá nhân trong Cơ sở dữ liệu quốc gia về dân cư; vui lòng nộp giấy tờ chứng minh nhân thân.",
            "The personal identification number is not in the national population database; please upload an identity document.");
}
