package vn.dvc.core.notify;

/**
 * The port to one delivery channel (SMS, e-mail, push). An adapter sends one rendered message and says how it went:
 * {@link DeliveryResult.Outcome#TEMPORARY_FAILURE} is retried later with backoff, {@link DeliveryResult.Outcome#PERMANENT_FAILURE}
 * makes the notifier fall back to the citizen's next channel. Adapters never throw for a provider's answer; an
 * unexpected exception counts as temporary.
 */
public interface NotificationChannel {
    ChannelKind kind();

    DeliveryResult send(OutgoingMessage message);
}
