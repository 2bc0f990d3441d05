package vn.dvc.core.dossier;

import java.time.Instant;

/**
 * The first response to a request with an Idempotency-Key, stored in the same transaction as the dossier it
 * created. A retry with the same key and the same body gets this response again; another body is a 422.
 */
public record IdempotencyRecord(String scopedKey, String requestHash, int status, String responseBody, Instant expiresAt) {}
