package vn.dvc.aws.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import vn.dvc.aws.logging.Observability;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.text.Language;
import vn.dvc.core.text.LocalizedText;

/**
 * Glue for an HTTP API function: dispatch on API Gateway's route key, render every failure in the one error
 * shape, never answer 5xx for a client's mistake, log as structured JSON with the request id (never personal data).
 * Subclasses register their routes in the constructor with {@link #on(String, Function)}.
 */
public abstract class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** API Gateway's own payload limit is 10 MB; ours is far smaller because no route takes files in the body. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
    private final Map<String, Function<HttpRequest, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();

    protected final void on(String routeKey, Function<HttpRequest, APIGatewayV2HTTPResponse> route) {
        routes.put(routeKey, route);
    }

    /** The route keys this handler serves, e.g. {@code GET /dossiers/{code}} (checked against template.yaml in tests). */
    public final java.util.Set<String> routeKeys() {
        return java.util.Collections.unmodifiableSet(routes.keySet());
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response = dispatch(event);
        int status = response.getStatusCode();
        double millis = (System.nanoTime() - started) / 1e6;
        Observability.emit(m -> {
            m.addMetric("Requests", 1, MetricUnit.COUNT);
            m.addMetric(status >= 500 ? "ServerErrors" : status >= 400 ? "ClientErrors" : "Successes", 1, MetricUnit.COUNT);
            m.addMetric("Latency", millis, MetricUnit.MILLISECONDS);
        });
        return response;
    }

    private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event) {
        String requestId = event.getRequestContext() != null ? event.getRequestContext().getRequestId() : null;
        Language language = Language.VI;
        try {
            MDC.put("request_id", requestId == null ? "-" : requestId);
            HttpRequest request = new HttpRequest(event);
            language = request.language();
            var route = routes.get(event.getRouteKey());
            if (route == null) {
                throw new ApiException(404, "ROUTE_NOT_FOUND",
                        LocalizedText.of("Không tìm thấy địa chỉ yêu cầu.", "No such route."));
            }
            if (request.body() != null && request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                throw new ApiException(413, "PAYLOAD_TOO_LARGE", LocalizedText.of(
                        "Nội dung yêu cầu quá lớn (tối đa 256 KB).", "The request body is too large (at most 256 KB)."));
            }
            APIGatewayV2HTTPResponse response = route.apply(request);
            LOG.info("{} {} -> {}", event.getRouteKey(), "handled", response.getStatusCode());
            return response;
        } catch (ApiException e) {
            LOG.info("{} refused: {} {}", event.getRouteKey(), e.status(), e.code());
            return HttpResponse.error(e, language, requestId);
        } catch (RuntimeException e) {
            LOG.error("{} failed", event.getRouteKey(), e);
            return HttpResponse.error(new ApiException(500, "INTERNAL_ERROR", LocalizedText.of(
                    "Hệ thống đang gặp sự cố, vui lòng thử lại sau.", "Something went wrong on our side; please retry later.")),
                    language, requestId);
        } finally {
            MDC.clear();
        }
    }
}
