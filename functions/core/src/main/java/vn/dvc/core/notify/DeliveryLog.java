package vn.dvc.core.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port to the delivery records of a dossier ({@code NOTIFY#<notificationId>#<channel>}). Every write is
 * conditional, which is what makes a notification go out at most once per channel however often its request
 * is delivered.
 */
public interface DeliveryLog {

    Optional<DeliveryRecord> find(String dossierCode, String notificationId, ChannelKind channel);

    /**
     * Claims the right to send: QUEUED with a lease until {@code leaseUntil}, only if the record is absent, failed
     * temporarily, or QUEUED with an expired lease (a crashed attempt).
     *
     * @return false when someone else holds it or it is already final (read it to see which)
     */
    boolean claim(String dossierCode, String notificationId, ChannelKind channel, String event, Instant now, Instant leaseUntil);

    /** Records the outcome of the attempt this worker claimed (conditional on it still being QUEUED). */
    void finish(String dossierCode, String notificationId, ChannelKind channel, DeliveryState state, String reason,
                String providerId, Instant now);

    /** All delivery records of a dossier, oldest notification first. */
    List<DeliveryRecord> all(String dossierCode);
}
