package vn.dvc.aws.processing;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.dvc.core.processing.DocumentLinks;

/** Presigned S3 GET URLs for one object each; the function's role may read only uploads/ and results/. */
public final class S3DocumentLinks implements DocumentLinks {
    private final S3Presigner presigner;
    private final String bucket;

    public S3DocumentLinks(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public Link read(String objectKey, Duration validity) {
        var presigned = presigner.presignGetObject(b -> b.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(bucket).key(objectKey)));
        return new Link(presigned.url().toString(), Instant.now().plus(validity));
    }
}
