package vn.dvc.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.json.Json;
import vn.dvc.core.payment.CallbackSignature;
import vn.dvc.core.payment.Payment;
import vn.dvc.core.payment.PaymentService;

/**
 * The development payment gateway: {@code POST /_local/payments/{txn}/pay} settles a payment request the way the
 * real gateway would, by calling {@code POST /payments/callback} through the front door with a signed body.
 * Optional body: {@code {"status":"PAID"|"FAILED","amount":n}} (defaults: PAID, the requested amount).
 */
final class LocalPaymentGateway {
    private final LocalSuite suite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LocalPaymentGateway(LocalSuite suite) {
        this.suite = suite;
    }

    Map.Entry<Integer, Object> pay(Map<String, String> path, String body) {
        String txn = path.get("txn");
        String code = PaymentService.dossierCodeOf(txn);
        var store = new DynamoDossierStore(AwsClients.dynamo(), suite.names().tableName("DossierTable"));
        Payment payment = code == null ? null : store.find(code).flatMap(d -> PaymentService.payments(d).stream()
                .filter(p -> p.transactionRef().equals(txn)).findFirst()).orElse(null);
        if (payment == null) {
            return new AbstractMap.SimpleEntry<>(404, Map.of("code", "UNKNOWN_TRANSACTION"));
        }
        Map<?, ?> options = body == null || body.isBlank() ? Map.of() : Json.read(body, Map.class);
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("transactionRef", txn);
        callback.put("status", options.get("status") instanceof String s ? s : "PAID");
        callback.put("amount", options.get("amount") instanceof Number n ? n.longValue() : payment.amount());
        callback.put("gatewayReference", "LOCALGW-" + Long.toHexString(System.nanoTime()));
        String raw = Json.write(callback);
        long timestamp = Instant.now().getEpochSecond();
        String signature = new CallbackSignature(LocalSuite.LOCAL_PARAMETERS.get("PaymentCallbackSecret")).sign(timestamp, raw);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(suite.baseUrl() + "/payments/callback"))
                    .header("Content-Type", "application/json").header("X-Timestamp", Long.toString(timestamp))
                    .header("X-Signature", signature).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(raw)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new AbstractMap.SimpleEntry<>(response.statusCode(), response.body());
        } catch (IOException | InterruptedException e) {
            return new AbstractMap.SimpleEntry<>(502, Map.of("code", "GATEWAY_CALL_FAILED"));
        }
    }
}
