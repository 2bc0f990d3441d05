package vn.dvc.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.dvc.core.json.Json;

/**
 * Development tokens for the local runner: HS256 JWTs signed with a local key, checked the way API Gateway's JWT
 * authorizer checks them (signature, issuer, audience, expiry). On AWS the identity provider issues real tokens.
 */
public final class LocalJwt {
    private final byte[] key;
    private final String issuer;
    private final String audience;

    public LocalJwt(String key, String issuer, String audience) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.audience = audience;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public String issue(Map<String, Object> claims, long ttlSeconds) {
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        long now = Instant.now().getEpochSecond();
        payload.putIfAbsent("iss", issuer);
        payload.putIfAbsent("aud", audience);
        payload.putIfAbsent("iat", now);
        payload.putIfAbsent("exp", now + ttlSeconds);
        String header = b64(Json.write(Map.of("alg", "HS256", "typ", "JWT")).getBytes(StandardCharsets.UTF_8));
        String body = b64(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        return header + "." + body + "." + b64(sign(header + "." + body));
    }

    /** The verified claims as API Gateway passes them (every value a string), or an exception saying why not. */
    public Map<String, String> verify(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("malformed token");
        }
        try {
            JsonNode header = Json.tree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            if (!"HS256".equals(header.path("alg").asText())) {
                throw new IllegalArgumentException("unsupported algorithm");
            }
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                throw new IllegalArgumentException("bad signature");
            }
            JsonNode payload = Json.tree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (!issuer.equals(payload.path("iss").asText())) {
                throw new IllegalArgumentException("wrong issuer");
            }
            JsonNode aud = payload.path("aud");
            boolean audienceOk = aud.isArray() ? containsText(aud, audience) : audience.equals(aud.asText());
            if (!audienceOk) {
                throw new IllegalArgumentException("wrong audience");
            }
            long now = Instant.now().getEpochSecond();
            if (!payload.has("exp") || payload.path("exp").asLong() < now) {
                throw new IllegalArgumentException("expired");
            }
            if (payload.has("nbf") && payload.path("nbf").asLong() > now + 60) {
                throw new IllegalArgumentException("not yet valid");
            }
            Map<String, String> claims = new LinkedHashMap<>();
            payload.fields().forEachRemaining(e -> claims.put(e.getKey(), e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().toString()));
            return claims;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("malformed token");
        }
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) return true;
        }
        return false;
    }

    private byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
