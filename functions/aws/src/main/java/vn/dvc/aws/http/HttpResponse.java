package vn.dvc.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.text.Language;

/** Builds HTTP API responses: JSON bodies, the one error shape, caching headers. */
public final class HttpResponse {
    private HttpResponse() {}

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("cache-control", "no-store");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body instanceof String s ? s : Json.write(body))
                .build();
    }

    public static APIGatewayV2HTTPResponse notModified(Map<String, String> headers) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(new HashMap<>(headers)).build();
    }

    /**
     * The one error shape of every HTTP error:
     * {@code {"status":404,"code":"...","message":"<in the caller's language>","messages":{"vi":"...","en":"..."},"requestId":"..."}}.
     */
    public static APIGatewayV2HTTPResponse error(ApiException e, Language language, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status());
        body.put("code", e.code());
        body.put("message", e.text().in(language));
        body.put("messages", Map.of("vi", e.text().vi(), "en", e.text().en()));
        body.put("requestId", requestId);
        List<Map<String, Object>> details = e.details();
        if (details != null && !details.isEmpty()) {
            body.put("details", details);
        }
        return json(e.status(), body, Map.of("content-language", language == Language.EN ? "en" : "vi"));
    }
}
