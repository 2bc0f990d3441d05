package vn.dvc.aws.catalog;

import static vn.dvc.aws.dynamo.Attr.n;
import static vn.dvc.aws.dynamo.Attr.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.agency.AgencyKind;
import vn.dvc.core.agency.AgencyLevel;
import vn.dvc.core.agency.AgencyReplacement;
import vn.dvc.core.agency.ReplacedAgencies;
import vn.dvc.core.json.Json;
import vn.dvc.core.text.LocalizedText;

/**
 * Operator replacements of agencies in the catalog table, laid out like the published procedures:
 * <ul>
 *   <li>{@code AGENCY#<id>} / {@code R#<revision, 10 digits>}: every revision, immutable (the history);</li>
 *   <li>{@code CATALOG} / {@code AGENCY#<id>}: the latest revision of each replaced agency (a copy), so all
 *       replacements are one query of the small catalog partition.</li>
 * </ul>
 * Both are written in one transaction, conditional on the revision item being new and the latest pointer still
 * naming the revision the operator's request read.
 */
public final class DynamoReplacedAgencies implements ReplacedAgencies {
    private final Supplier<DynamoDbClient> client;
    private final String table;

    public DynamoReplacedAgencies(Supplier<DynamoDbClient> client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public List<AgencyReplacement> latest() {
        List<AgencyReplacement> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = client.get().query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                    .expressionAttributeValues(Map.of(":pk", s(DynamoPublishedProcedures.LATEST_PK), ":sk", s("AGENCY#")))
                    .exclusiveStartKey(start).build());
            response.items().forEach(item -> all.add(read(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return all;
    }

    @Override
    public Optional<AgencyReplacement> latest(String id) {
        return get(DynamoPublishedProcedures.LATEST_PK, "AGENCY#" + id);
    }

    @Override
    public Optional<AgencyReplacement> revision(String id, int revision) {
        return get("AGENCY#" + id, revisionKey(revision));
    }

    @Override
    public void replace(AgencyReplacement replacement, int expectedLatest) {
        Agency a = replacement.agency();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("AGENCY#" + a.id()));
        item.put("sk", s(revisionKey(replacement.revision())));
        item.put("id", s(a.id()));
        item.put("revision", n(replacement.revision()));
        item.put("document", s(write(a)));
        item.put("replacedAt", s(replacement.replacedAt().toString()));
        item.put("replacedBy", s(replacement.replacedBy()));
        Map<String, AttributeValue> latest = new HashMap<>(item);
        latest.put("pk", s(DynamoPublishedProcedures.LATEST_PK));
        latest.put("sk", s("AGENCY#" + a.id()));
        Put.Builder latestPut = Put.builder().tableName(table).item(latest);
        if (expectedLatest == 0) {
            latestPut.conditionExpression("attribute_not_exists(pk)");
        } else {
            latestPut.conditionExpression("#r = :expected")
                    .expressionAttributeNames(Map.of("#r", "revision"))
                    .expressionAttributeValues(Map.of(":expected", n(expectedLatest)));
        }
        try {
            client.get().transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(latestPut.build()).build()));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw new Conflict("agency " + a.id() + " revision " + replacement.revision() + " lost a race");
            }
            throw e;
        }
    }

    private Optional<AgencyReplacement> get(String pk, String sk) {
        var item = client.get().getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(Map.of("pk", s(pk), "sk", s(sk))).build()).item();
        if (item == null || item.isEmpty() || !item.containsKey("document")) {
            return Optional.empty();
        }
        return Optional.of(read(item));
    }

    static String revisionKey(int revision) {
        return String.format("R#%010d", revision);
    }

    private static String write(Agency a) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", a.id());
        doc.put("name", Map.of("vi", a.name().vi(), "en", a.name().en()));
        doc.put("level", a.level().name());
        doc.put("kind", a.kind().name());
        doc.put("unitCode", a.unitCode());
        doc.put("provinceCode", a.provinceCode());
        doc.put("address", a.address());
        doc.put("hotline", a.hotline());
        doc.put("officialCode", a.officialCode());
        try {
            return Json.MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise agency " + a.id(), e);
        }
    }

    private static AgencyReplacement read(Map<String, AttributeValue> item) {
        try {
            JsonNode d = Json.MAPPER.readTree(item.get("document").s());
            Agency a = new Agency(d.path("id").asText(), LocalizedText.of(d.path("name").path("vi").asText(),
                    d.path("name").path("en").asText()), AgencyLevel.valueOf(d.path("level").asText()),
                    AgencyKind.valueOf(d.path("kind").asText()), d.path("unitCode").asText(), d.path("provinceCode").asText(),
                    textOrNull(d, "address"), textOrNull(d, "hotline"), false, textOrNull(d, "officialCode"));
            return new AgencyReplacement(a, Integer.parseInt(item.get("revision").n()), item.get("replacedBy").s(),
                    Instant.parse(item.get("replacedAt").s()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable agency item " + item.get("sk").s(), e);
        }
    }

    private static String textOrNull(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
