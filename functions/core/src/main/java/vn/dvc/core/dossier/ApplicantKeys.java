package vn.dvc.core.dossier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash (HMAC-SHA256) of a personal identification number, used wherever a citizen must be found by
 * identity (index keys, the citizen's data store) without the number itself appearing in a key. A plain hash of
 * a 12-digit number could be reversed by enumeration; the key (a secret from configuration) prevents that.
 */
public final class ApplicantKeys {
    private final SecretKeySpec key;

    public ApplicantKeys(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the applicant key secret must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String keyOf(String personalId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(personalId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Personal identification numbers (số định danh cá nhân) have exactly 12 digits. */
    public static boolean isPersonalId(String text) {
        return text != null && text.matches("\\d{12}");
    }
}
