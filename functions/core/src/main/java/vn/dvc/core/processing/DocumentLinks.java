package vn.dvc.core.processing;

import java.time.Duration;
import java.time.Instant;

/** Short-lived read links to stored documents, for the officials who decide on a dossier. */
public interface DocumentLinks {
    Link read(String objectKey, Duration validity);

    record Link(String url, Instant expiresAt) {}
}
