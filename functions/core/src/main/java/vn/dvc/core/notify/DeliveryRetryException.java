package vn.dvc.core.notify;

import java.time.Duration;

/** The notification could not go out now (provider busy, or another attempt holds it): retry the request later. */
public class DeliveryRetryException extends RuntimeException {
    private final String reason;
    private final Duration notBefore;

    public DeliveryRetryException(String reason) {
        this(reason, Duration.ZERO);
    }

    /** @param notBefore the earliest sensible retry (e.g. when another attempt's lease runs out) */
    public DeliveryRetryException(String reason, Duration notBefore) {
        super("delivery to retry: " + reason);
        this.reason = reason;
        this.notBefore = notBefore == null || notBefore.isNegative() ? Duration.ZERO : notBefore;
    }

    public String reason() {
        return reason;
    }

    public Duration notBefore() {
        return notBefore;
    }
}
