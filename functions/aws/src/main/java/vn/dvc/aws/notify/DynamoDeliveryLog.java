package vn.dvc.aws.notify;

import static vn.dvc.aws.dynamo.Attr.*;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.notify.ChannelKind;
import vn.dvc.core.notify.DeliveryLog;
import vn.dvc.core.notify.DeliveryRecord;
import vn.dvc.core.notify.DeliveryState;

/**
 * Delivery records next to the dossier: {@code pk = DOSSIER#code, sk = NOTIFY#<notificationId>#<channel>} with the
 * state, attempts, the provider's message id or failure reason, and the claim's lease (epoch millis, so it compares
 * as a number). No address and no text: those are personal data. The dossier's META item is untouched, so the
 * stream router ignores these writes.
 */
public final class DynamoDeliveryLog implements DeliveryLog {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDeliveryLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String sk(String notificationId, ChannelKind channel) {
        return "NOTIFY#" + notificationId + "#" + channel.name();
    }

    private Map<String, AttributeValue> key(String code, String notificationId, ChannelKind channel) {
        return Map.of("pk", s(DynamoDossierStore.pk(code)), "sk", s(sk(notificationId, channel)));
    }

    @Override
    public Optional<DeliveryRecord> find(String code, String notificationId, ChannelKind channel) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(code, notificationId, channel))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    @Override
    public boolean claim(String code, String notificationId, ChannelKind channel, String event, Instant now, Instant leaseUntil) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":queued", s(DeliveryState.QUEUED.name()));
        values.put(":temporary", s(DeliveryState.FAILED_TEMPORARY.name()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":lease", n(leaseUntil.toEpochMilli()));
        values.put(":zero", n(0));
        values.put(":one", n(1));
        values.put(":event", s(event));
        values.put(":id", s(notificationId));
        values.put(":channel", s(channel.name()));
        values.put(":code", s(code));
        values.put(":at", instant(now));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(code, notificationId, channel))
                    .updateExpression("SET #st = :queued, leaseUntil = :lease, attempts = if_not_exists(attempts, :zero) + :one, "
                            + "event = :event, notificationId = :id, channel = :channel, dossierCode = :code, updatedAt = :at")
                    .conditionExpression("attribute_not_exists(pk) OR #st = :temporary OR (#st = :queued AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#st", "state"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void finish(String code, String notificationId, ChannelKind channel, DeliveryState state, String reason,
                       String providerId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(state.name()));
        values.put(":queued", s(DeliveryState.QUEUED.name()));
        values.put(":at", instant(now));
        values.put(":reason", s(reason));
        values.put(":provider", s(providerId));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(code, notificationId, channel))
                    .updateExpression("SET #st = :state, updatedAt = :at, reason = :reason, providerId = :provider REMOVE leaseUntil")
                    .conditionExpression("#st = :queued")
                    .expressionAttributeNames(Map.of("#st", "state"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // our lease expired and another attempt took over: its outcome is the one recorded
        }
    }

    @Override
    public List<DeliveryRecord> all(String code) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":pk", s(DynamoDossierStore.pk(code)), ":p", s("NOTIFY#"))))
                .items().stream().map(DynamoDeliveryLog::toRecord).toList();
    }

    private static DeliveryRecord toRecord(Map<String, AttributeValue> item) {
        Long lease = numOrNull(item, "leaseUntil");
        return new DeliveryRecord(str(item, "dossierCode"), str(item, "notificationId"), ChannelKind.valueOf(str(item, "channel")),
                str(item, "event"), DeliveryState.valueOf(str(item, "state")), (int) num(item, "attempts", 0), str(item, "reason"),
                str(item, "providerId"), instant(item, "updatedAt"), lease == null ? null : Instant.ofEpochMilli(lease));
    }
}
