package vn.dvc.aws.stats;

import static vn.dvc.aws.dynamo.Attr.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.dvc.core.sla.DueIndex;

/** The sparse ByDueDate index (gsi5) of the dossier table: one Query per province and stage, never a scan. */
public final class DynamoDueIndex implements DueIndex {
    public static final String INDEX = "ByDueDate";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDueIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Entry> dueBefore(String provinceCode, Stage stage, Instant before, int limit) {
        List<Entry> out = new ArrayList<>();
        if (limit <= 0) {
            return out; // the run's budget is spent (DynamoDB refuses Limit 0)
        }
        Map<String, AttributeValue> start = null;
        String low = stage.prefix() + "#";
        String high = before == null ? stage.prefix() + "#~" : stage.prefix() + "#" + before;
        do {
            var request = QueryRequest.builder().tableName(table).indexName(INDEX)
                    .keyConditionExpression("gsi5pk = :pk AND gsi5sk BETWEEN :lo AND :hi")
                    .expressionAttributeValues(Map.of(":pk", s(DueIndex.partition(provinceCode)), ":lo", s(low), ":hi", s(high)))
                    .limit(Math.min(1000, limit - out.size()))
                    .exclusiveStartKey(start).build();
            var response = dynamo.query(request);
            for (var item : response.items()) {
                String[] sk = str(item, "gsi5sk").split("#", 3);
                Instant due = Instant.parse(sk[1]);
                if (before != null && !due.isBefore(before)) {
                    continue; // BETWEEN is inclusive; "due before" is strict
                }
                out.add(new Entry(sk[2], str(item, "agencyId"), str(item, "communeCode"), str(item, "procedureCode"), due, stage));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit);
        return out;
    }
}
