package vn.dvc.core.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.text.Language;
import vn.dvc.core.text.LocalizedText;

/**
 * The public look-up by dossier code (printed on the receipt) and the last four digits of the applicant's phone:
 * status and dates only, never personal data. An unknown code and wrong digits get the same 404, and failures are
 * counted per code and per source address: after {@link #MAX_FAILURES_PER_CODE} (or {@link #MAX_FAILURES_PER_SOURCE})
 * within the window every attempt is answered 429, right or wrong, so the four digits cannot be guessed.
 */
public final class PublicLookup {
    public static final int MAX_FAILURES_PER_CODE = 5;
    /** Higher than per code: many citizens share a carrier's address. */
    public static final int MAX_FAILURES_PER_SOURCE = 20;

    private final DossierStore store;
    private final AttemptThrottle throttle;
    private final ProcedureCatalog catalog;

    public PublicLookup(DossierStore store, AttemptThrottle throttle, ProcedureCatalog catalog) {
        this.store = store;
        this.throttle = throttle;
        this.catalog = catalog;
    }

    public Map<String, Object> lookup(String code, String phoneLast4, String sourceIp, Language language, Instant now) {
        if (phoneLast4 == null || !phoneLast4.matches("[0-9]{4}")) {
            throw ApiException.badRequest("PHONE_LAST4_REQUIRED", "Cần nhập 4 chữ số cuối của số điện thoại người nộp.",
                    "The last four digits of the applicant's phone number are required (phoneLast4).");
        }
        String codeKey = "code#" + code;
        String sourceKey = "ip#" + (sourceIp == null ? "unknown" : sourceIp);
        if (throttle.failures(codeKey, now) >= MAX_FAILURES_PER_CODE
                || throttle.failures(sourceKey, now) >= MAX_FAILURES_PER_SOURCE) {
            throw throttled();
        }
        Optional<Dossier> found = DossierCode.isWellFormed(code) ? store.find(code) : Optional.empty();
        if (found.isEmpty() || !matches(found.get(), phoneLast4)) {
            boolean underCode = throttle.recordFailure(codeKey, MAX_FAILURES_PER_CODE, now);
            boolean underSource = throttle.recordFailure(sourceKey, MAX_FAILURES_PER_SOURCE, now);
            if (!underCode || !underSource) {
                throw throttled();
            }
            throw ApiException.notFound("DOSSIER_NOT_FOUND", "Không tìm thấy hồ sơ với mã và số điện thoại đã nhập.",
                    "No dossier matches that code and phone number.");
        }
        return view(found.get(), language);
    }

    private static boolean matches(Dossier d, String last4) {
        String phone = d.applicant() == null || d.applicant().phone() == null ? "" : d.applicant().phone().replaceAll("[^0-9]", "");
        return phone.length() >= 4 && phone.endsWith(last4);
    }

    /** Status and dates, nothing that names or identifies the applicant. */
    private Map<String, Object> view(Dossier d, Language language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", d.code());
        body.put("status", d.status().name());
        body.put("statusText", d.status().label().in(language));
        body.put("procedureCode", d.procedureCode());
        catalog.byCode(d.procedureCode()).ifPresent(p -> body.put("procedureName", p.name().in(language)));
        body.put("filedAt", d.createdAt() == null ? null : d.createdAt().toString());
        body.put("updatedAt", d.updatedAt() == null ? null : d.updatedAt().toString());
        for (String date : List.of("acceptedAt", "completedAt")) {
            Object value = d.attributes() == null ? null : d.attributes().get(date);
            if (value != null) {
                body.put(date, value.toString());
            }
        }
        body.put("dueAt", d.dueAt() == null ? null : d.dueAt().toString());
        return body;
    }

    private static ApiException throttled() {
        return new ApiException(429, "TOO_MANY_ATTEMPTS", LocalizedText.of(
                "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
                "Too many failed attempts. Please try again in 15 minutes."));
    }
}
