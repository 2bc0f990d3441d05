package vn.dvc.core.documents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A document kept in the citizen's electronic data store (kho quản lý dữ liệu điện tử của tổ chức, cá nhân, under
 * Nghị định 45/2020/NĐ-CP on administrative procedures online): a file the state already accepted once, which a
 * later dossier may reuse instead of asking for it again. Keyed by the applicant's keyed hash, never the identification number.
 *
 * @param id             stable id, derived from the object key (a retried write keeps the same item)
 * @param documentType   the procedure component code it satisfied (components of the same kind share a code
 *                       across procedures, e.g. {@code giay-to-tuy-than}), lower-case
 * @param sourceDossier  the dossier it was first accepted in
 */
public record StoredDocument(
        String id,
        String applicantKey,
        String documentType,
        String objectKey,
        String sha256,
        long sizeBytes,
        String contentType,
        String sourceDossier,
        String sourceComponent,
        Instant storedAt) {

    /** Issued results are kept as {@code ket-qua:<procedure code>} (the dossier's signed result). */
    public static final String RESULT_TYPE_PREFIX = "ket-qua:";

    /** The type a component's document is kept under. */
    public static String typeOf(String componentCode) {
        return componentCode.strip().toLowerCase(Locale.ROOT);
    }

    /** Ids are derived from the object key: the same accepted upload is always the same stored document. */
    public static String idFor(String objectKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(objectKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isWellFormedId(String text) {
        return text != null && text.matches("[0-9a-f]{24}");
    }
}
