package vn.dvc.aws.documents;

import static vn.dvc.aws.dynamo.Attr.s;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.documents.CitizenDocuments;
import vn.dvc.core.documents.StoredDocument;

/**
 * The citizen's data store in the dossier table ({@code CITIZEN#applicantKey / DOC#id}, see
 * {@link DynamoDossierStore}): one Query to list, one BatchGetItem to look up the documents a filing reuses.
 */
public final class DynamoCitizenDocuments implements CitizenDocuments {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCitizenDocuments(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<StoredDocument> list(String applicantKey, int limit) {
        List<StoredDocument> documents = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :doc)")
                    .expressionAttributeValues(Map.of(":pk", s("CITIZEN#" + applicantKey), ":doc", s("DOC#")))
                    .exclusiveStartKey(start).build());
            response.items().forEach(item -> documents.add(DynamoDossierStore.toStoredDocument(applicantKey, item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && documents.size() < 1000);
        // Ids are hashes, so the table's order is arbitrary: a citizen holds few documents, sort them here.
        documents.sort(Comparator.comparing(StoredDocument::storedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(StoredDocument::id));
        return documents.size() > limit ? documents.subList(0, limit) : documents;
    }

    @Override
    public Map<String, StoredDocument> find(String applicantKey, Collection<String> ids) {
        Map<String, StoredDocument> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (StoredDocument.isWellFormedId(id)) {
                keys.add(Map.of("pk", s("CITIZEN#" + applicantKey), "sk", s("DOC#" + id)));
            }
        }
        if (keys.isEmpty()) {
            return found;
        }
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; !request.isEmpty() && attempt < 5; attempt++) {
            Map<String, KeysAndAttributes> pending = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(pending));
            response.responses().getOrDefault(table, List.of())
                    .forEach(item -> {
                        StoredDocument d = DynamoDossierStore.toStoredDocument(applicantKey, item);
                        found.put(d.id(), d);
                    });
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }
}
