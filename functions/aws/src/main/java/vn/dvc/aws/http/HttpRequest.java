package vn.dvc.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.Language;

/** An API Gateway HTTP API (payload v2) request, seen the way handlers need it. */
public final class HttpRequest {
    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers;
    private final String body;
    private final Caller caller;
    private final Language language;

    HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        this.headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String raw = event.getBody();
        if (raw != null && event.getIsBase64Encoded()) {
            raw = new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8);
        }
        this.body = raw;
        this.caller = callerOf(event);
        this.language = Language.fromHeader(headers.get("accept-language"));
    }

    private static Caller callerOf(APIGatewayV2HTTPEvent event) {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getJwt() == null
                || ctx.getAuthorizer().getJwt().getClaims() == null) {
            return Caller.ANONYMOUS;
        }
        Map<String, String> claims = ctx.getAuthorizer().getJwt().getClaims();
        Role role = Role.parse(claim(claims, "role"));
        return new Caller(role, claims.get("sub"), claim(claims, "pid"), claim(claims, "agency"), claim(claims, "province"));
    }

    /** Our identity provider's custom claims, with or without Cognito's "custom:" prefix. */
    private static String claim(Map<String, String> claims, String name) {
        String value = claims.get(name);
        return value != null ? value : claims.get("custom:" + name);
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String method() {
        return event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : null;
    }

    public String requestId() {
        return event.getRequestContext() != null ? event.getRequestContext().getRequestId() : null;
    }

    public String pathParam(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    public String query(String name) {
        return event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get(name);
    }

    public Map<String, String> queryParams() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String body() {
        return body;
    }

    public Caller caller() {
        return caller;
    }

    public Language language() {
        return language;
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    /** The body as a JSON object; a missing, non-JSON or non-object body is the caller's mistake (400/415). */
    public JsonNode jsonBody() {
        String contentType = header("content-type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                    vn.dvc.core.text.LocalizedText.of("Nội dung phải là JSON (application/json).",
                            "The body must be JSON (application/json)."));
        }
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("BODY_REQUIRED", "Thiếu nội dung yêu cầu.", "The request body is missing.");
        }
        try {
            JsonNode node = Json.tree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("MALFORMED_JSON", "Nội dung phải là một đối tượng JSON.",
                        "The body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "Nội dung JSON không hợp lệ.", "The body is not valid JSON.");
        }
    }
}
