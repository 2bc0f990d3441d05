package vn.dvc.aws.notify;

import static vn.dvc.aws.dynamo.Attr.*;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.dvc.core.notify.ChannelKind;
import vn.dvc.core.notify.DeliveryResult;
import vn.dvc.core.notify.NotificationChannel;
import vn.dvc.core.notify.OutgoingMessage;
import vn.dvc.core.notify.VietnamFormat;

/**
 * The local and test channel ({@code NOTIFY_MODE=outbox}): instead of sending, it records each delivery as an item
 * {@code pk = OUTBOX#<yyyyMMdd in Vietnam>, sk = <sentAt epoch millis, 13 digits>#<dossierCode>#<notificationId>#<channel>} that the local
 * runner shows at {@code GET /_local/outbox}. Development data only: it holds the address and text.
 *
 * <p>Reserved addresses simulate providers' answers, so failure paths can be exercised end to end:
 * e-mail at {@code bounce.outbox.test} and phone numbers starting 09990 fail permanently (unknown recipient);
 * e-mail at {@code busy.outbox.test} and phone numbers starting 09991 fail temporarily (throttled), every time;
 * e-mail at {@code flaky.outbox.test} and phone numbers starting 09992 fail temporarily on the first try of each
 * notification only, then deliver.
 */
public final class OutboxChannel implements NotificationChannel {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ChannelKind kind;
    private final Clock clock;

    public OutboxChannel(DynamoDbClient dynamo, String table, ChannelKind kind, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.kind = kind;
        this.clock = clock;
    }

    public static List<NotificationChannel> all(DynamoDbClient dynamo, String table, Clock clock) {
        List<NotificationChannel> channels = new ArrayList<>();
        for (ChannelKind k : ChannelKind.values()) {
            channels.add(new OutboxChannel(dynamo, table, k, clock));
        }
        return channels;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public DeliveryResult send(OutgoingMessage message) {
        String address = message.address() == null ? "" : message.address();
        if (address.endsWith("@bounce.outbox.test") || address.startsWith("+849990")) {
            return DeliveryResult.permanent("RECIPIENT_UNKNOWN");
        }
        if (address.endsWith("@busy.outbox.test") || address.startsWith("+849991")) {
            return DeliveryResult.temporary("THROTTLED");
        }
        if ((address.endsWith("@flaky.outbox.test") || address.startsWith("+849992")) && firstTry(message)) {
            return DeliveryResult.temporary("THROTTLED_ONCE");
        }
        Instant now = clock.instant();
        String providerId = "outbox-" + message.dossierCode() + "-" + message.notificationId() + "-" + kind;
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(partition(LocalDate.ofInstant(now, VietnamFormat.VIETNAM))));
        // fixed-width epoch millis: ISO instants of varying precision do not sort as strings
        item.put("sk", s(String.format("%013d", now.toEpochMilli()) + "#" + message.dossierCode() + "#" + message.notificationId() + "#" + kind));
        item.put("dossierCode", s(message.dossierCode()));
        item.put("notificationId", s(message.notificationId()));
        item.put("event", s(message.event()));
        item.put("channel", s(kind.name()));
        item.put("address", s(address));
        item.put("language", s(message.language().name().toLowerCase(java.util.Locale.ROOT)));
        item.put("subject", s(message.subject()));
        item.put("text", s(message.text()));
        if (kind == ChannelKind.EMAIL) {
            item.put("html", s(message.html()));
        }
        item.put("sentAt", instant(now));
        item.put("ttl", n(now.getEpochSecond() + 7 * 86_400));
        dynamo.putItem(b -> b.tableName(table).item(item));
        return DeliveryResult.sent(providerId);
    }

    /** True the first time a notification is tried on this channel (a marker item, put conditionally). */
    private boolean firstTry(OutgoingMessage message) {
        Instant now = clock.instant();
        try {
            dynamo.putItem(b -> b.tableName(table).conditionExpression("attribute_not_exists(pk)").item(Map.of(
                    "pk", s("OUTBOX_FLAKY#" + message.dossierCode()), "sk", s(message.notificationId() + "#" + kind),
                    "ttl", n(now.getEpochSecond() + 86_400))));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    static String partition(LocalDate day) {
        return "OUTBOX#" + day.toString().replace("-", "");
    }

    /**
     * The deliveries of the last {@code days} days (Vietnam dates), oldest first; of one dossier only, in the order of
     * the dossier's changes (notification ids start with the version: the queue is a standard queue, so two changes
     * a few milliseconds apart may be delivered in either order).
     */
    public static List<Map<String, Object>> list(DynamoDbClient dynamo, String table, Clock clock, int days, String dossierCode) {
        List<Map<String, Object>> out = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), VietnamFormat.VIETNAM);
        for (int d = days - 1; d >= 0; d--) {
            String pk = partition(today.minusDays(d));
            Map<String, AttributeValue> start = null;
            do {
                var builder = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                        .consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(pk))).exclusiveStartKey(start);
                var response = dynamo.query(builder.build());
                for (var item : response.items()) {
                    if (dossierCode != null && !dossierCode.equals(str(item, "dossierCode"))) {
                        continue;
                    }
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    for (String f : List.of("sentAt", "dossierCode", "notificationId", "event", "channel", "address", "language",
                            "subject", "text", "html")) {
                        if (str(item, f) != null) {
                            m.put(f, str(item, f));
                        }
                    }
                    out.add(m);
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null);
        }
        if (dossierCode != null) {
            out.sort(java.util.Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("notificationId")))
                    .thenComparing(m -> String.valueOf(m.get("sentAt"))));
        }
        return out;
    }
}
