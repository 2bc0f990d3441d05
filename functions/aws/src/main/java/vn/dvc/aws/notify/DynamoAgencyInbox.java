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

    /**
     * Newest first from the cursor on. The cursor is the last item's sort key, base64url-encoded; it is checked
     * (a NOTICE# key of this shape) before it reaches DynamoDB, and it is bound to the agency (the partition).
     */
    @Override
    public vn.dvc.core.dossier.DossierStore.Page<AgencyNotice> page(String agencyId, int limit, String cursor) {
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of("pk", s("AGENCY#" + agencyId), "sk", s(decodeCursor(cursor)));
        var response = dynamo.query(b -> b.tableName(table).consistentRead(true).scanIndexForward(false).limit(limit)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                .expressionAttributeValues(Map.of(":pk", s("AGENCY#" + agencyId), ":p", s("NOTICE#")))
                .exclusiveStartKey(start));
        List<AgencyNotice> items = response.items().stream().map(DynamoAgencyInbox::toNotice).toList();
        String next = null;
        if (response.hasLastEvaluatedKey() && response.lastEvaluatedKey().get("sk") != null && !items.isEmpty()) {
            next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    response.lastEvaluatedKey().get("sk").s().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new vn.dvc.core.dossier.DossierStore.Page<>(items, next);
    }

    private static final java.util.regex.Pattern NOTICE_KEY = java.util.regex.Pattern.compile("NOTICE#[A-Za-z0-9:.#_-]{1,300}");

    static String decodeCursor(String cursor) {
        try {
            if (cursor.length() <= 500) {
                String sk = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
                if (NOTICE_KEY.matcher(sk).matches()) {
                    return sk;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64url: fall through
        }
        throw vn.dvc.core.error.ApiException.badRequest("BAD_CURSOR", "Con trỏ phân trang không hợp lệ.",
                "The paging cursor is invalid.");
    }

    private static AgencyNotice toNotice(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> text = mapOf(item, "text");
        Instant at = instant(item, "at");
        return new AgencyNotice(str(item, "agencyId"), str(item, "noticeId"), AgencyNotice.Kind.valueOf(str(item, "kind")),
                str(item, "dossierCode"), str(item, "procedureCode"),
                text == null ? null : LocalizedText.of(str(text, "vi"), str(text, "en")), instant(item, "dueAt"), at);
    }
}
