package vn.dvc.core.notify;

/** The notification could not go out now (provider busy, or another attempt holds it): retry the request later. */
public class DeliveryRetryException extends RuntimeException {
    private final String reason;

    public DeliveryRetryException(String reason) {
        super("delivery to retry: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
