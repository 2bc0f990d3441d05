package vn.dvc.aws.documents;

import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import vn.dvc.core.documents.DocumentObjects;

/** The document bucket: uploads land under {@code uploads/}, rejected files are moved under {@code quarantine/}. */
public final class S3DocumentObjects implements DocumentObjects {
    private final S3Client s3;
    private final String bucket;

    public S3DocumentObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void quarantine(String key) {
        String target = "quarantine/" + key.substring(key.indexOf('/') + 1);
        if (size(key).isEmpty()) {
            return; // already moved
        }
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(target));
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
}
