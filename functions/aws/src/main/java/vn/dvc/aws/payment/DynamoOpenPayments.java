package vn.dvc.aws.payment;

import static vn.dvc.aws.dynamo.Attr.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.dvc.core.payment.OpenPayments;
import vn.dvc.core.payment.PaymentService;

/**
 * Open payment requests past their expiry, from the sparse {@code ByOpenPayment} index of the dossier table
 * ({@code gsi4pk = PAYOPEN}, {@code gsi4sk = <expiry millis>#code}): only dossiers with an open request are in it, so the
 * sweep reads exactly the work it has. One partition is enough: it changes at most twice per payment.
 */
public final class DynamoOpenPayments implements OpenPayments {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOpenPayments(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<String> dossiersWithOpenPaymentsExpiredBefore(Instant moment, int limit) {
        Set<String> codes = new LinkedHashSet<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamo.query(QueryRequest.builder().tableName(table).indexName("ByOpenPayment")
                    .keyConditionExpression("gsi4pk = :k AND gsi4sk < :t")
                    .expressionAttributeValues(Map.of(":k", s(PaymentService.OPEN_INDEX_KEY), ":t", s(PaymentService.openIndexSortKey(moment))))
                    .exclusiveStartKey(start).limit(Math.min(limit, 100)).build());
            for (var item : response.items()) {
                codes.add(item.get("pk").s().substring("DOSSIER#".length())); // KEYS_ONLY: the code is in the key
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && codes.size() < limit);
        return new ArrayList<>(codes);
    }
}
