package vn.dvc.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dvc.core.json.Json;

/**
 * The local API Gateway: serves the template's HTTP API routes on loopback with payload format 2.0, checks JWTs
 * on routes the authorizer guards and passes their claims in {@code requestContext.authorizer.jwt.claims}, and
 * answers unknown routes (404), wrong methods (405) and oversized bodies (413) in the project's error shape.
 * Extra local-only routes (development tokens, outbox) are mounted under {@code /_local/}.
 */
public final class HttpFrontDoor implements AutoCloseable {
    /** API Gateway's HTTP API payload limit. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;

    private record CompiledRoute(Template.Route route, Pattern pattern, List<String> names) {}

    /** A local-only endpoint: request body in, (status, JSON body) out. */
    public interface LocalEndpoint extends Function<String, Map.Entry<Integer, Object>> {}

    /** A local-only endpoint with path parameters, e.g. {@code POST /_local/payments/{txn}/pay} (and the query's). */
    public interface LocalPathEndpoint extends java.util.function.BiFunction<Map<String, String>, String, Map.Entry<Integer, Object>> {}

    private record PathEndpoint(String method, Pattern pattern, List<String> names, LocalPathEndpoint endpoint) {}
    private final List<PathEndpoint> pathEndpoints = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final HttpServer server;
    // Unbounded like API Gateway (issue 10): a fixed pool of 16 deadlocked under parallel dossier lives, because a
    // local endpoint (the payment gateway's /pay) calls back into this front door and waited for a free thread.
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<CompiledRoute> routes = new ArrayList<>();
    private final FunctionHost functions;
    private final LocalJwt jwt;
    private final Map<String, LocalEndpoint> localEndpoints = new LinkedHashMap<>();
    private final Map<String, StaticSite> sites = new LinkedHashMap<>();

    /** Static files served under a path prefix (the monitoring board). */
    public interface StaticSite {
        byte[] read(String relativePath);
    }

    public HttpFrontDoor(int port, List<Template.Route> templateRoutes, FunctionHost functions, LocalJwt jwt) throws IOException {
        this.functions = functions;
        this.jwt = jwt;
        for (Template.Route r : templateRoutes) {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}/]+)}").matcher(r.path());
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(r.path().substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(r.path().substring(last)));
            routes.add(new CompiledRoute(r, Pattern.compile(regex.toString()), names));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    public void addLocalEndpoint(String methodAndPath, LocalEndpoint endpoint) {
        localEndpoints.put(methodAndPath, endpoint);
    }

    public void addLocalPathEndpoint(String methodAndPath, LocalPathEndpoint endpoint) {
        int space = methodAndPath.indexOf(' ');
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}/]+)}").matcher(methodAndPath.substring(space + 1));
        while (m.find()) {
            names.add(m.group(1));
        }
        String regex = Pattern.quote(methodAndPath.substring(space + 1)).replaceAll("\\{[^}/]+}", "\\\\E([^/]+)\\\\Q");
        pathEndpoints.add(new PathEndpoint(methodAndPath.substring(0, space), Pattern.compile(regex), names, endpoint));
    }

    public void addSite(String prefix, StaticSite site) {
        sites.put(prefix, site);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                error(exchange, 413, "PAYLOAD_TOO_LARGE", "Nội dung yêu cầu quá lớn.", "The request body is too large.", requestId);
                return;
            }
            LocalEndpoint local = localEndpoints.get(method + " " + path);
            if (local != null) {
                var result = local.apply(new String(body, StandardCharsets.UTF_8));
                send(exchange, result.getKey(), Map.of("content-type", "application/json; charset=utf-8"),
                        (result.getValue() instanceof String s ? s : Json.write(result.getValue())).getBytes(StandardCharsets.UTF_8));
                return;
            }
            for (PathEndpoint p : pathEndpoints) {
                Matcher m = p.pattern().matcher(path);
                if (p.method().equals(method) && m.matches()) {
                    Map<String, String> params = new LinkedHashMap<>();
                    for (int i = 0; i < p.names().size(); i++) {
                        params.put(p.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                    }
                    // ---- issue 7: query parameters too (path parameters win), e.g. GET /_local/outbox?dossier=
                    String rawQuery = exchange.getRequestURI().getRawQuery();
                    if (rawQuery != null && !rawQuery.isEmpty()) {
                        for (String pair : rawQuery.split("&")) {
                            int eq = pair.indexOf('=');
                            params.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                        }
                    }
                    var result = p.endpoint().apply(params, new String(body, StandardCharsets.UTF_8));
                    send(exchange, result.getKey(), Map.of("content-type", "application/json; charset=utf-8"),
                            (result.getValue() instanceof String s ? s : Json.write(result.getValue())).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            for (var site : sites.entrySet()) {
                if (method.equals("GET") && (path.equals(site.getKey()) || path.startsWith(site.getKey() + "/"))) {
                    serveStatic(exchange, site.getValue(), path.substring(site.getKey().length()));
                    return;
                }
            }
            CompiledRoute matched = null;
            Map<String, String> pathParams = new LinkedHashMap<>();
            boolean pathKnown = false;
            for (CompiledRoute r : routes) {
                Matcher m = r.pattern().matcher(path);
                if (!m.matches()) {
                    continue;
                }
                pathKnown = true;
                if (r.route().method().equals(method)) {
                    matched = r;
                    for (int i = 0; i < r.names().size(); i++) {
                        pathParams.put(r.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                    }
                    break;
                }
            }
            if (matched == null && method.equals("OPTIONS") && pathKnown) {
                send(exchange, 204, Map.of("access-control-allow-origin", "*",
                        "access-control-allow-headers", "Authorization, Content-Type, Idempotency-Key, Accept-Language",
                        "access-control-allow-methods", "GET, POST, PUT, OPTIONS"), new byte[0]);
                return;
            }
            if (matched == null) {
                if (pathKnown) {
                    error(exchange, 405, "METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ cho địa chỉ này.",
                            "This method is not allowed on this route.", requestId);
                } else {
                    error(exchange, 404, "ROUTE_NOT_FOUND", "Không tìm thấy địa chỉ yêu cầu.", "No such route.", requestId);
                }
                return;
            }
            Map<String, String> claims = null;
            if (matched.route().authorized()) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                try {
                    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                        throw new IllegalArgumentException("missing token");
                    }
                    claims = jwt.verify(authorization.substring(7).trim());
                } catch (IllegalArgumentException e) {
                    error(exchange, 401, "UNAUTHORIZED", "Cần đăng nhập bằng mã thông báo hợp lệ.",
                            "A valid bearer token is required.", requestId);
                    return;
                }
            }
            APIGatewayV2HTTPEvent event = toEvent(exchange, matched.route(), pathParams, body, claims, requestId);
            APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) functions.invoke(matched.route().functionId(), event);
            byte[] out = response.getBody() == null ? new byte[0] : response.getIsBase64Encoded()
                    ? Base64.getDecoder().decode(response.getBody()) : response.getBody().getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
            headers.put("apigw-requestid", requestId);
            send(exchange, response.getStatusCode(), headers, out);
        } catch (RuntimeException | Error e) {
            // API Gateway answers 500 when a function crashes; the client must never see a dropped connection.
            e.printStackTrace();
            error(exchange, 500, "INTERNAL_ERROR", "Hệ thống đang gặp sự cố.", "Internal server error.", requestId);
        }
    }

    private void serveStatic(HttpExchange exchange, StaticSite site, String relative) throws IOException {
        if (relative.isEmpty()) {
            // /board -> /board/: the page's relative asset URLs need the trailing slash
            send(exchange, 301, Map.of("location", exchange.getRequestURI().getRawPath() + "/"), new byte[0]);
            return;
        }
        String file = relative.isEmpty() || relative.equals("/") ? "index.html" : relative.substring(1);
        byte[] content = file.contains("..") ? null : site.read(file);
        if (content == null) {
            error(exchange, 404, "NOT_FOUND", "Không tìm thấy tệp.", "File not found.", "-");
            return;
        }
        String type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript"
                : file.endsWith(".css") ? "text/css" : file.endsWith(".svg") ? "image/svg+xml"
                : file.endsWith(".png") ? "image/png" : "application/octet-stream";
        send(exchange, 200, Map.of("content-type", type), content);
    }

    private static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, Template.Route route, Map<String, String> pathParams,
                                                 byte[] body, Map<String, String> claims, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(k, v, (a, b) -> a + "," + b);
            }
        }
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = contentType.isEmpty() || contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("xml") || contentType.contains("x-www-form-urlencoded");
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(route.method()).withPath(exchange.getRequestURI().getRawPath()).withProtocol("HTTP/1.1")
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        var contextBuilder = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName("localhost")
                .withHttp(http).withRequestId(requestId).withRouteKey(route.routeKey()).withStage("$default")
                .withTime(Instant.now().toString()).withTimeEpoch(System.currentTimeMillis());
        if (claims != null) {
            contextBuilder.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath()).withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParams.isEmpty() ? null : pathParams)
                .withRequestContext(contextBuilder.build())
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .build();
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_PAYLOAD + 1);
        return data.length > MAX_PAYLOAD ? null : data;
    }

    private static void error(HttpExchange exchange, int status, String code, String vi, String en, String requestId) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("code", code);
        String accept = exchange.getRequestHeaders().getFirst("Accept-Language");
        body.put("message", accept != null && accept.toLowerCase(Locale.ROOT).startsWith("en") ? en : vi);
        body.put("messages", Map.of("vi", vi, "en", en));
        body.put("requestId", requestId);
        send(exchange, status, Map.of("content-type", "application/json; charset=utf-8"),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (status == 204 || status == 304) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
