package vn.dvc.core.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.text.LocalizedText;

/**
 * The payment gateway signs each callback: {@code hex(HMAC-SHA256(secret, timestamp + "." + rawBody))}, with the
 * timestamp in epoch seconds. Binding the timestamp into the signature and refusing anything older than five
 * minutes stops replays; the comparison is constant-time.
 */
public final class CallbackSignature {
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final ApiException UNAUTHORIZED = new ApiException(401, "BAD_SIGNATURE", LocalizedText.of(
            "Chữ ký hoặc thời điểm của thông báo thanh toán không hợp lệ.",
            "The payment notification's signature or timestamp is not valid."));

    private final byte[] secret;

    public CallbackSignature(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the callback secret must have at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(long epochSeconds, String rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((epochSeconds + "." + rawBody).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws ApiException 401 for a missing, malformed, wrong or stale signature */
    public void verify(String timestampHeader, String signatureHeader, String rawBody, Instant now) {
        if (timestampHeader == null || signatureHeader == null || rawBody == null || !timestampHeader.matches("\\d{1,12}")) {
            throw UNAUTHORIZED;
        }
        long timestamp = Long.parseLong(timestampHeader);
        long age = now.getEpochSecond() - timestamp;
        if (Math.abs(age) > MAX_AGE.toSeconds()) {
            throw UNAUTHORIZED;
        }
        byte[] expected = sign(timestamp, rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw UNAUTHORIZED;
        }
    }
}
