package vn.dvc.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;

/** Test access to the runner's own event builders, so re-delivered events look exactly like the runner's. */
public final class LocalEvents {
    private LocalEvents() {
    }

    public static S3Event s3ObjectCreated(String bucket, String key, long size, String eTag) {
        return S3Watcher.event(bucket, key, size, eTag);
    }

    public static Map<String, AttributeValue> streamImage(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return StreamPoller.convert(item);
    }
}
