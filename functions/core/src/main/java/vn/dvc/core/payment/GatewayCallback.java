package vn.dvc.core.payment;

import com.fasterxml.jackson.databind.JsonNode;
import vn.dvc.core.error.ApiException;

/**
 * The gateway's result for one transaction (body of {@code POST /payments/callback}, after its signature was checked):
 * {@code {"transactionRef":"...","status":"PAID"|"FAILED","amount":10000,"gatewayReference":"..."}}.
 */
public record GatewayCallback(String transactionRef, String status, long amount, String gatewayReference) {

    public boolean paid() {
        return "PAID".equals(status);
    }

    public static GatewayCallback parse(JsonNode body) {
        String ref = body.path("transactionRef").asText(null);
        String status = body.path("status").asText(null);
        JsonNode amount = body.path("amount");
        if (ref == null || ref.length() > 80 || !("PAID".equals(status) || "FAILED".equals(status))
                || !amount.isIntegralNumber() || amount.asLong() < 0) {
            throw ApiException.badRequest("MALFORMED_CALLBACK", "Thông báo thanh toán không đúng định dạng.",
                    "The payment notification is malformed.");
        }
        String gatewayRef = body.path("gatewayReference").asText(null);
        return new GatewayCallback(ref, status, amount.asLong(), gatewayRef == null || gatewayRef.length() > 80 ? null : gatewayRef);
    }
}
