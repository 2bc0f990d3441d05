package vn.dvc.aws.documents;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.dvc.core.intake.UploadUrls;

/**
 * Presigned S3 PUT URLs bound to one key and content type (the signed Content-Type header must be sent as is).
 * S3 cannot bound the size of a presigned PUT, so the document processor enforces the limit on arrival.
 */
public final class S3UploadUrls implements UploadUrls {
    private final S3Presigner presigner;
    private final String bucket;

    public S3UploadUrls(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public UploadUrl issue(String objectKey, String contentType, long maxBytes, Duration validity) {
        var presigned = presigner.presignPutObject(b -> b.signatureDuration(validity)
                .putObjectRequest(p -> p.bucket(bucket).key(objectKey).contentType(contentType)));
        return new UploadUrl(presigned.url().toString(), "PUT", contentType, maxBytes, Instant.now().plus(validity));
    }
}
