package vn.dvc.aws.processing;

import static vn.dvc.aws.dynamo.Attr.instant;
import static vn.dvc.aws.dynamo.Attr.map;
import static vn.dvc.aws.dynamo.Attr.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.processing.AccessAudit;

/**
 * Refused attempts as append-only items {@code pk = DOSSIER#code, sk = AUDIT#<instant>#<uuid>} next to the dossier:
 * the dossier's META item, version and history are untouched (its stream router ignores non-META items).
 */
public final class DynamoAccessAudit implements AccessAudit {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccessAudit(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void denied(String dossierCode, Actor actor, String action, String reasonCode, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(DynamoDossierStore.pk(dossierCode)));
        item.put("sk", s("AUDIT#" + at + "#" + UUID.randomUUID()));
        item.put("at", instant(at));
        item.put("actor", map(Map.of("role", s(actor.role().name()), "id", s(actor.id()), "agencyId", s(actor.agencyId()))));
        item.put("action", s(action));
        item.put("outcome", s("DENIED"));
        item.put("reasonCode", s(reasonCode));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /** The refused attempts recorded on a dossier (for audits and tests). */
    public List<Map<String, AttributeValue>> entries(String dossierCode) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                .expressionAttributeValues(Map.of(":pk", s(DynamoDossierStore.pk(dossierCode)), ":p", s("AUDIT#")))).items();
    }
}
