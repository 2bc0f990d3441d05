package vn.dvc.payment;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.catalog.CatalogProcedureSource;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.payment.CallbackSignature;
import vn.dvc.core.payment.GatewayCallback;
import vn.dvc.core.payment.Payment;
import vn.dvc.core.payment.PaymentService;
import vn.dvc.core.text.Language;

/**
 * payment-api (HTTP API):
 * <ul>
 *   <li>{@code POST /dossiers/{code}/payments} (JWT: the applicant, or the assistant who filed it): the open payment
 *       request for the exact outstanding amount (201 created, 200 the one already open; 409 when the dossier is not
 *       awaiting payment);</li>
 *   <li>{@code GET /dossiers/{code}/payments} (JWT): the fee breakdown and every payment request with its receipt;</li>
 *   <li>{@code POST /payments/callback} (public, signed): the gateway's result, {@code X-Timestamp} (epoch seconds)
 *       and {@code X-Signature} = hex HMAC-SHA256 over {@code timestamp + "." + rawBody}; a bad or stale signature is
 *       401 and changes nothing.</li>
 * </ul>
 */
public class PaymentApiHandler extends HttpApiHandler {
    private final PaymentService payments;
    private final CallbackSignature signature;
    private final Clock clock;

    public PaymentApiHandler() {
        this(new PaymentService(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                        new ApplicantKeys(Env.require("APPLICANT_KEY_SECRET")), Clock.systemUTC(),
                        Duration.ofMinutes(Env.getLong("PAYMENT_VALIDITY_MINUTES", 15)),
                        CatalogProcedureSource.bundled()),
                new CallbackSignature(Env.require("PAYMENT_CALLBACK_SECRET")), Clock.systemUTC());
    }

    public PaymentApiHandler(PaymentService payments, CallbackSignature signature, Clock clock) {
        this.payments = payments;
        this.signature = signature;
        this.clock = clock;
        on("POST /dossiers/{code}/payments", this::request);
        on("GET /dossiers/{code}/payments", this::history);
        on("POST /payments/callback", this::callback);
    }

    private static String code(HttpRequest request) {
        String code = request.pathParam("code");
        if (!DossierCode.isWellFormed(code)) {
            throw ApiException.badRequest("MALFORMED_DOSSIER_CODE", "Mã hồ sơ không đúng định dạng.", "The dossier code is malformed.");
        }
        return code;
    }

    private APIGatewayV2HTTPResponse request(HttpRequest request) {
        PaymentService.Requested requested = payments.request(request.caller(), code(request));
        Map<String, Object> body = paymentView(requested.payment());
        body.put("dossierCode", requested.dossier().code());
        return HttpResponse.json(requested.created() ? 201 : 200, body);
    }

    private APIGatewayV2HTTPResponse history(HttpRequest request) {
        PaymentService.History history = payments.history(request.caller(), code(request));
        Dossier d = history.dossier();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dossierCode", d.code());
        body.put("status", d.status().name());
        body.put("statusText", d.status().label().in(request.language()));
        if (d.attributes().get("feeStatus") != null) {
            body.put("feeStatus", d.attributes().get("feeStatus"));
        }
        if (d.attributes().get("fee") != null) {
            body.put("fee", d.attributes().get("fee"));
        }
        body.put("feeTotal", PaymentService.feeTotal(d));
        body.put("paidAmount", PaymentService.paidAmount(d));
        body.put("outstanding", PaymentService.outstanding(d));
        if (d.attributes().get("receiptNumber") != null) {
            body.put("receiptNumber", d.attributes().get("receiptNumber"));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        history.payments().forEach(p -> items.add(paymentView(p)));
        body.put("payments", items);
        return HttpResponse.json(200, body);
    }

    private APIGatewayV2HTTPResponse callback(HttpRequest request) {
        // The signature covers the raw body exactly as received: verify before parsing anything.
        signature.verify(request.header("x-timestamp"), request.header("x-signature"), request.body(), clock.instant());
        GatewayCallback callback = GatewayCallback.parse(request.jsonBody());
        PaymentService.CallbackOutcome outcome = payments.callback(callback);
        return HttpResponse.json(200, Map.of("transactionRef", callback.transactionRef(), "outcome", outcome.name()));
    }

    private static Map<String, Object> paymentView(Payment p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transactionRef", p.transactionRef());
        m.put("amount", p.amount());
        m.put("currency", "VND");
        m.put("status", p.status().name());
        m.put("createdAt", p.createdAt().toString());
        m.put("expiresAt", p.expiresAt().toString());
        if (p.settledAt() != null) m.put("settledAt", p.settledAt().toString());
        if (p.receiptNumber() != null) m.put("receiptNumber", p.receiptNumber());
        if (!p.anomalies().isEmpty()) {
            m.put("anomalies", p.anomalies().stream().map(a -> Map.of("at", a.at().toString(), "kind", a.kind(),
                    "gatewayStatus", a.gatewayStatus(), "amount", a.amount() == null ? 0 : a.amount())).toList());
        }
        return m;
    }
}
