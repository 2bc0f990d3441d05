package vn.dvc.core.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.dvc.core.error.ApiException;

class CallbackSignatureTest {
    private static final CallbackSignature SIGNATURE = new CallbackSignature("local-development-callback-secret");
    private static final Instant NOW = Instant.parse("2026-03-02T03:00:00Z");
    private static final String BODY = "{\"transactionRef\":\"X00004.UBND-260302-0001-P1\",\"status\":\"PAID\",\"amount\":10000}";

    @Test
    void aFreshCorrectSignaturePasses() {
        long ts = NOW.getEpochSecond() - 10;
        SIGNATURE.verify(Long.toString(ts), SIGNATURE.sign(ts, BODY), BODY, NOW);
        SIGNATURE.verify(Long.toString(ts), SIGNATURE.sign(ts, BODY).toUpperCase(), BODY, NOW);
    }

    @Test
    void knownVector() {
        // hex(HMAC-SHA256("local-development-callback-secret", "1772420400.{}")), computed independently with openssl
        assertEquals("1f444bfec9dcc5abf3b0db307573ab338348634956154b1905f58452312e3da1", SIGNATURE.sign(1772420400L, "{}"));
    }

    @Test
    void tamperedBodyWrongSecretStaleOrFutureTimestampsAreRefused() {
        long ts = NOW.getEpochSecond();
        String good = SIGNATURE.sign(ts, BODY);
        assertRefused(Long.toString(ts), good, BODY.replace("10000", "1000"));
        assertRefused(Long.toString(ts), new CallbackSignature("another-secret-of-16-chars").sign(ts, BODY), BODY);
        long stale = ts - 301;
        assertRefused(Long.toString(stale), SIGNATURE.sign(stale, BODY), BODY);
        long future = ts + 301;
        assertRefused(Long.toString(future), SIGNATURE.sign(future, BODY), BODY);
        assertRefused(Long.toString(ts + 1), good, BODY); // the timestamp is bound into the signature
        assertRefused(null, good, BODY);
        assertRefused("soon", good, BODY);
        assertRefused(Long.toString(ts), null, BODY);
    }

    private static void assertRefused(String ts, String signature, String body) {
        ApiException e = assertThrows(ApiException.class, () -> SIGNATURE.verify(ts, signature, body, NOW));
        assertEquals(401, e.status());
    }

    @Test
    void transactionReferencesNameTheirDossier() {
        assertEquals("X00004.UBND-260302-0001", PaymentService.dossierCodeOf("X00004.UBND-260302-0001-P1"));
        assertEquals("X00004.UBND-260302-0001", PaymentService.dossierCodeOf("X00004.UBND-260302-0001-P12"));
        assertEquals(null, PaymentService.dossierCodeOf("X00004.UBND-260302-0001"));
        assertEquals(null, PaymentService.dossierCodeOf("-P1"));
    }
}
