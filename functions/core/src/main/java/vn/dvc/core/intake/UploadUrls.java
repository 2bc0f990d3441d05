package vn.dvc.core.intake;

import java.time.Duration;
import java.time.Instant;

/** Issues a presigned upload URL bound to one object key, content type and maximum size. */
public interface UploadUrls {
    UploadUrl issue(String objectKey, String contentType, long maxBytes, Duration validity);

    record UploadUrl(String url, String method, String contentType, long maxBytes, Instant expiresAt) {}
}
