package vn.dvc.core.notify;

/** What a channel answered: sent (with the provider's message id), or a temporary or permanent failure with a reason code. */
public record DeliveryResult(Outcome outcome, String providerId, String reason) {
    public enum Outcome { SENT, TEMPORARY_FAILURE, PERMANENT_FAILURE }

    public static DeliveryResult sent(String providerId) {
        return new DeliveryResult(Outcome.SENT, providerId, null);
    }

    public static DeliveryResult temporary(String reason) {
        return new DeliveryResult(Outcome.TEMPORARY_FAILURE, null, reason);
    }

    public static DeliveryResult permanent(String reason) {
        return new DeliveryResult(Outcome.PERMANENT_FAILURE, null, reason);
    }
}
