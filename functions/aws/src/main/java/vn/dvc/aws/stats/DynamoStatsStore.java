package vn.dvc.aws.stats;

import static vn.dvc.aws.dynamo.Attr.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.dvc.core.stats.Dimension;
import vn.dvc.core.stats.Indicators;
import vn.dvc.core.stats.StatsDelta;
import vn.dvc.core.stats.StatsStore;

/**
 * The statistics table.
 * <pre>
 *   pk = C#&lt;scope&gt; (C#COUNTRY#VN, C#PROVINCE#01, C#AGENCY#X00004.UBND, C#COMMUNE#00004)
 *   sk = T#&lt;day&gt;                       the scope's totals of one day
 *   sk = &lt;AGENCY|COMMUNE|PROCEDURE&gt;#&lt;day&gt;#&lt;key&gt;   one row of a breakdown (a range of days is one Query)
 *   pk = D#&lt;dossierCode&gt;  sk = &lt;version&gt;#&lt;kind&gt;   the dedupe marker of a counted change (expires by TTL)
 * </pre>
 * Counters are atomic {@code ADD}s written in ONE transaction with the marker's conditional put: a change is either
 * counted everywhere and marked, or nowhere.
 */
public final class DynamoStatsStore implements StatsStore {
    /** Markers outlive any redelivery (SQS keeps messages 14 days at most; stream records 24 hours). */
    static final Duration MARKER_TTL = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoStatsStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean record(StatsDelta delta) {
        List<TransactWriteItem> writes = new ArrayList<>();
        String[] parts = delta.dedupeKey().split("#", 2);
        Map<String, AttributeValue> marker = new HashMap<>();
        marker.put("pk", s("D#" + parts[0]));
        marker.put("sk", s(parts.length > 1 ? parts[1] : "-"));
        marker.put("day", s(delta.day().toString()));
        marker.put("ttl", n(Instant.now().plus(MARKER_TTL).getEpochSecond()));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder add = new StringBuilder("ADD ");
        int i = 0;
        for (var inc : delta.increments().entrySet()) {
            names.put("#c" + i, inc.getKey());
            values.put(":c" + i, n(inc.getValue()));
            add.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :c").append(i);
            i++;
        }
        for (StatsDelta.Target t : delta.targets()) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Map.of("pk", s("C#" + t.scopeKey()), "sk", s(t.sortKey(delta.day()))))
                    .updateExpression(add.toString())
                    .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return false; // counted before
            }
            throw e; // a conflict with a concurrent increment: the message is retried
        }
    }

    @Override
    public Map<LocalDate, Indicators> totalsByDay(String scopeKey, LocalDate from, LocalDate to) {
        Map<LocalDate, Indicators> out = new TreeMap<>();
        for (var item : query(scopeKey, StatsDelta.TOTAL + "#" + from, StatsDelta.TOTAL + "#" + to)) {
            out.put(LocalDate.parse(str(item, "sk").substring(2)), indicators(item));
        }
        return out;
    }

    @Override
    public Map<String, Indicators> rows(String scopeKey, Dimension dimension, LocalDate from, LocalDate to) {
        Map<String, Indicators> out = new LinkedHashMap<>();
        String prefix = dimension.name() + "#";
        // sk = DIM#day#key: every key of the last day sorts after "DIM#to#" and before "DIM#to#~" ([A-Z0-9.] < '~')
        for (var item : query(scopeKey, prefix + from, prefix + to + "#~")) {
            String sk = str(item, "sk");
            String key = sk.substring(prefix.length() + 11);
            out.computeIfAbsent(key, k -> new Indicators()).add(indicators(item));
        }
        return out;
    }

    private List<Map<String, AttributeValue>> query(String scopeKey, String low, String high) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi")
                    .expressionAttributeValues(Map.of(":pk", s("C#" + scopeKey), ":lo", s(low), ":hi", s(high)))
                    .exclusiveStartKey(start).build();
            var response = dynamo.query(request);
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static Indicators indicators(Map<String, AttributeValue> item) {
        Map<String, Long> values = new HashMap<>();
        for (String c : Indicators.COUNTERS) {
            values.put(c, num(item, c, 0));
        }
        return Indicators.of(values);
    }
}
