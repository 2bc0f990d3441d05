package vn.dvc.core.notify;

import java.time.Instant;

/** One notification's delivery on one channel, as stored on the dossier (no address, no text: those are personal). */
public record DeliveryRecord(String dossierCode, String notificationId, ChannelKind channel, String event, DeliveryState state,
                             int attempts, String reason, String providerId, Instant updatedAt, Instant leaseUntil) {}
