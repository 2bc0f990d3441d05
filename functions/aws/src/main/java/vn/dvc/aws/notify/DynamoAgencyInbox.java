package vn.dvc.aws.notify;

import static vn.dvc.aws.dynamo.Attr.*;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.dvc.core.notify.AgencyInbox;
import vn.dvc.core.notify.AgencyNotice;
import vn.dvc.core.text.LocalizedText;

/**
 * Agency inboxes in the dossier table: {@code pk = AGENCY#<agencyId>, sk = NOTICE#<at>#<dossierCode>#<noticeId>},
 * newest last; posted with a conditional put on a deterministic key, so a redelivered request posts nothing new.
 * ("AGENCY#" is also the ByAgency index's partition value, but on another attribute: the two never mix.)
 */
public final class DynamoAgencyInbox implements AgencyInbox {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAgencyInbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean post(AgencyNotice notice) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("AGENCY#" + notice.agencyId()));
        item.put("sk", s("NOTICE#" + notice.at() + "#" + notice.dossierCode() + "#" + notice.noticeId()));
        item.put("agencyId", s(notice.agencyId()));
        item.put("noticeId", s(notice.noticeId()));
        item.put("kind", s(notice.kind().name()));
        item.put("dossierCode", s(notice.dossierCode()));
        item.put("procedureCode", s(notice.procedureCode()));
        item.put("text", map(Map.of("vi", s(notice.text().vi()), "en", s(notice.text().en()))));
        item.put("dueAt", instant(notice.dueAt()));
        item.put("at", instant(notice.at()));
        item.put("read", bool(false));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<AgencyNotice> recent(String agencyId, int limit) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true).scanIndexForward(false).limit(limit)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":pk", s("AGENCY#" + agencyId), ":p", s("NOTICE#"))))
                .items().stream().map(DynamoAgencyInbox::toNotice).toList();
    }

    private static AgencyNotice toNotice(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> text = mapOf(item, "text");
        Instant at = instant(item, "at");
        return new AgencyNotice(str(item, "agencyId"), str(item, "noticeId"), AgencyNotice.Kind.valueOf(str(item, "kind")),
                str(item, "dossierCode"), str(item, "procedureCode"),
                text == null ? null : LocalizedText.of(str(text, "vi"), str(text, "en")), instant(item, "dueAt"), at);
    }
}
