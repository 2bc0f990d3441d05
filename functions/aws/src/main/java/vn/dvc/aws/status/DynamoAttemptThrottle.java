package vn.dvc.aws.status;

import static vn.dvc.aws.dynamo.Attr.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.dvc.core.status.AttemptThrottle;

/**
 * Failure counters in fixed windows: {@code pk = THROTTLE#<key>, sk = W#<window start, epoch seconds>} with
 * {@code failures} and a {@code ttl} one window after its end, so DynamoDB forgets them. Incremented with a
 * conditional update ({@code failures < max}), so concurrent attempts can never count past the limit unnoticed.
 * A fixed window lets at most twice the limit through around a window boundary: enough against guessing 4 digits.
 */
public final class DynamoAttemptThrottle implements AttemptThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAttemptThrottle(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static long windowStart(Instant now) {
        long seconds = WINDOW.toSeconds();
        return now.getEpochSecond() / seconds * seconds;
    }

    private static Map<String, AttributeValue> key(String key, Instant now) {
        return Map.of("pk", s("THROTTLE#" + key), "sk", s("W#" + windowStart(now)));
    }

    @Override
    public long failures(String key, Instant now) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(key, now))).item();
        return item == null ? 0 : num(item, "failures", 0);
    }

    @Override
    public boolean recordFailure(String key, long max, Instant now) {
        long expires = windowStart(now) + 2 * WINDOW.toSeconds();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(key, now))
                    .updateExpression("SET #ttl = :ttl ADD failures :one")
                    .conditionExpression("attribute_not_exists(failures) OR failures < :max")
                    .expressionAttributeNames(Map.of("#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":max", n(max), ":ttl", n(expires))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
