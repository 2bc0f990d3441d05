package vn.dvc.aws.processing;

import static vn.dvc.aws.dynamo.Attr.s;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.processing.WorkQueue;

/**
 * An agency's work queue from the ByAgency index (gsi2pk {@code AGENCY#id}, gsi2sk
 * {@code status#dueAt#code}, see {@link DynamoDossierStore#agencySortKey}): a key-condition query, never a scan.
 * With a status, {@code dueBefore} is part of the key condition; without one it is a filter on the page read.
 */
public final class DynamoWorkQueue implements WorkQueue {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWorkQueue(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public DossierStore.Page<Dossier> byAgency(String agencyId, DossierStatus status, Instant dueBefore, int limit,
                                               String cursor) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s("AGENCY#" + agencyId));
        var builder = QueryRequest.builder().tableName(table).indexName("ByAgency").limit(limit).scanIndexForward(true);
        if (status != null && dueBefore != null) {
            builder.keyConditionExpression("gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to");
            values.put(":from", s(status.name() + "#"));
            values.put(":to", s(status.name() + "#" + dueBefore));
        } else if (status != null) {
            builder.keyConditionExpression("gsi2pk = :pk AND begins_with(gsi2sk, :prefix)");
            values.put(":prefix", s(status.name() + "#"));
        } else {
            builder.keyConditionExpression("gsi2pk = :pk");
            if (dueBefore != null) {
                builder.filterExpression("dueAt < :due");
                values.put(":due", s(dueBefore.toString()));
            }
        }
        builder.expressionAttributeValues(values);
        if (cursor != null) {
            builder.exclusiveStartKey(decode(cursor));
        }
        var response = dynamo.query(builder.build());
        List<Dossier> items = response.items().stream().map(DynamoDossierStore::toDossier).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? encode(response.lastEvaluatedKey()) : null;
        return new DossierStore.Page<>(items, next);
    }

    private static String encode(Map<String, AttributeValue> key) {
        Map<String, String> plain = new HashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue> decode(String cursor) {
        try {
            Map<String, String> plain = Json.read(new String(Base64.getUrlDecoder().decode(cursor)), Map.class);
            Map<String, AttributeValue> key = new HashMap<>();
            plain.forEach((k, v) -> key.put(k, s(String.valueOf(v))));
            if (!key.keySet().equals(java.util.Set.of("pk", "sk", "gsi2pk", "gsi2sk"))) {
                throw new IllegalArgumentException("cursor keys");
            }
            return key;
        } catch (RuntimeException e) {
            throw ApiException.badRequest("BAD_CURSOR", "Con trỏ phân trang không hợp lệ.", "The paging cursor is invalid.");
        }
    }
}
