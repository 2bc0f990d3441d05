package vn.dvc.aws.catalog;

import static vn.dvc.aws.dynamo.Attr.n;
import static vn.dvc.aws.dynamo.Attr.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.catalog.PublishedProcedures;

/**
 * Operator-published procedure versions in the catalog table.
 *
 * <ul>
 *   <li>{@code PROCEDURE#<code>} / {@code V#<version, 10 digits>}: every published version, immutable (a dossier filed
 *       under it reads it back by number);</li>
 *   <li>{@code CATALOG} / {@code PROCEDURE#<code>}: the latest version of each code (a copy), so the whole current
 *       catalog is one query of one small partition.</li>
 * </ul>
 * Both are written in one transaction, conditional on the version item being new and the latest pointer still
 * naming the version the publisher read: two concurrent publications cannot both win, and nothing is half-written.
 */
public final class DynamoPublishedProcedures implements PublishedProcedures {
    static final String LATEST_PK = "CATALOG";

    private final java.util.function.Supplier<DynamoDbClient> client;
    private final String table;

    public DynamoPublishedProcedures(DynamoDbClient dynamo, String table) {
        this(() -> dynamo, table);
    }

    /** With a client built on first use: units and agencies requests never need the SDK (cold start). */
    public DynamoPublishedProcedures(java.util.function.Supplier<DynamoDbClient> client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public List<Procedure> latest() {
        List<String> documents = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = client.get().query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                    .expressionAttributeValues(Map.of(":pk", s(LATEST_PK), ":sk", s("PROCEDURE#")))
                    .exclusiveStartKey(start).build());
            response.items().forEach(item -> documents.add(item.get("document").s()));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return parse(documents);
    }

    @Override
    public Optional<Procedure> latest(String code) {
        return get(LATEST_PK, "PROCEDURE#" + code);
    }

    @Override
    public Optional<Procedure> version(String code, int version) {
        return get("PROCEDURE#" + code, versionKey(version));
    }

    @Override
    public void publish(Procedure procedure, Integer expectedLatestStored, String publishedBy, Instant at) {
        String document = write(procedure);
        Map<String, AttributeValue> version = new HashMap<>();
        version.put("pk", s("PROCEDURE#" + procedure.code()));
        version.put("sk", s(versionKey(procedure.version())));
        version.put("code", s(procedure.code()));
        version.put("version", n(procedure.version()));
        version.put("document", s(document));
        version.put("publishedAt", s(at.toString()));
        version.put("publishedBy", s(publishedBy == null ? "unknown" : publishedBy));
        Map<String, AttributeValue> latest = new HashMap<>(version);
        latest.put("pk", s(LATEST_PK));
        latest.put("sk", s("PROCEDURE#" + procedure.code()));

        Put.Builder latestPut = Put.builder().tableName(table).item(latest);
        if (expectedLatestStored == null) {
            latestPut.conditionExpression("attribute_not_exists(pk)");
        } else {
            latestPut.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", n(expectedLatestStored)));
        }
        try {
            client.get().transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(version)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(latestPut.build()).build()));
        } catch (TransactionCanceledException e) {
            boolean conditionFailed = e.cancellationReasons().stream()
                    .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
            if (conditionFailed) {
                throw new Conflict("procedure " + procedure.code() + " version " + procedure.version() + " lost a race");
            }
            throw e;
        }
    }

    private Optional<Procedure> get(String pk, String sk) {
        var item = client.get().getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(Map.of("pk", s(pk), "sk", s(sk))).build()).item();
        if (item == null || item.isEmpty() || !item.containsKey("document")) {
            return Optional.empty();
        }
        List<Procedure> parsed = parse(List.of(item.get("document").s()));
        return parsed.isEmpty() ? Optional.empty() : Optional.of(parsed.get(0));
    }

    static String versionKey(int version) {
        return String.format("V#%010d", version);
    }

    /** The catalog's streaming reader (no databind at read time): the documents as one JSON array. */
    private static List<Procedure> parse(List<String> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        String array = "[" + String.join(",", documents) + "]";
        return ProcedureCatalog.read(new ByteArrayInputStream(array.getBytes(StandardCharsets.UTF_8))).all();
    }

    private static String write(Procedure procedure) {
        try {
            return ProcedureCatalog.mapper().writeValueAsString(procedure);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise procedure " + procedure.code(), e);
        }
    }
}
