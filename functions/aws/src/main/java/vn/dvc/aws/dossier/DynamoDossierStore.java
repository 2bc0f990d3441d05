package vn.dvc.aws.dossier;

import static vn.dvc.aws.dynamo.Attr.*;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.dvc.core.documents.StoredDocument;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.dossier.IdempotencyRecord;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.LocalizedText;

/**
 * The dossier table (single-table design).
 * <pre>
 *   pk = DOSSIER#code  sk = META             the dossier (status, version, ...); GSI1 by applicant, GSI2 by agency
 *                                            (gsi2pk AGENCY#agency, gsi2sk status#dueAt-or-createdAt#code)
 *   pk = DOSSIER#code  sk = COMP#component   document components
 *   pk = DOSSIER#code  sk = EVENT#version    append-only history, written in the change's own transaction
 *   pk = SEQ#agency#yyMMdd  sk = SEQ         the gap-free daily counter of dossier numbers
 *   pk = IDEMP#scope#key    sk = IDEMP       the first response to an Idempotency-Key (expires by TTL)
 *   pk = CITIZEN#applicantKey  sk = DOC#id   the citizen's stored documents (once-only reuse), written in the
 *                                            transaction that marks their component received
 * </pre>
 */
public final class DynamoDossierStore implements DossierStore {
    public static final String META = "META";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDossierStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String pk(String code) {
        return "DOSSIER#" + code;
    }

    @Override
    public Optional<Dossier> find(String code) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s(pk(code)), "sk", s(META)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDossier(item));
    }

    @Override
    public List<Component> components(String code) {
        return queryPrefix(code, "COMP#").stream().map(DynamoDossierStore::toComponent).toList();
    }

    @Override
    public List<HistoryEvent> history(String code) {
        return queryPrefix(code, "EVENT#").stream().map(DynamoDossierStore::toEvent).toList();
    }

    private List<Map<String, AttributeValue>> queryPrefix(String code, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(Map.of(":pk", s(pk(code)), ":p", s(prefix)))
                    .exclusiveStartKey(start).build();
            var response = dynamo.query(request);
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    @Override
    public long lastSequence(String agencyId, LocalDate day) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("SEQ#" + DossierCode.sequenceKey(agencyId, day)), "sk", s("SEQ")))).item();
        return item == null ? 0 : num(item, "last", 0);
    }

    @Override
    public void create(Dossier dossier, List<Component> components, HistoryEvent event, long previousSequence,
                       IdempotencyRecord idempotency) {
        DossierCode code = DossierCode.parse(dossier.code()).orElseThrow();
        List<TransactWriteItem> writes = new ArrayList<>();
        var seqKey = Map.of("pk", s("SEQ#" + DossierCode.sequenceKey(code.agencyId(), code.day())), "sk", s("SEQ"));
        Update seq = previousSequence == 0
                ? Update.builder().tableName(table).key(seqKey).updateExpression("SET #last = :next")
                    .conditionExpression("attribute_not_exists(pk)")
                    .expressionAttributeNames(Map.of("#last", "last"))
                    .expressionAttributeValues(Map.of(":next", n(previousSequence + 1))).build()
                : Update.builder().tableName(table).key(seqKey).updateExpression("SET #last = :next")
                    .conditionExpression("#last = :prev")
                    .expressionAttributeNames(Map.of("#last", "last"))
                    .expressionAttributeValues(Map.of(":next", n(previousSequence + 1), ":prev", n(previousSequence))).build();
        writes.add(TransactWriteItem.builder().update(seq).build());
        if (idempotency != null) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(idempotencyItem(idempotency))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(dossierItem(dossier))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (Component c : components) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(componentItem(dossier.code(), c)).build()).build());
        }
        writes.add(TransactWriteItem.builder().put(eventPut(dossier.code(), dossier.version(), event)).build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (idempotency != null && reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw new IdempotencyKeyUsedException();
            }
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new SequenceTakenException();
            }
            if (reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                throw new SequenceTakenException();
            }
            throw e;
        }
    }

    @Override
    public Optional<IdempotencyRecord> idempotency(String scopedKey) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("IDEMP#" + scopedKey), "sk", s("IDEMP")))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toIdempotency(scopedKey, item));
    }

    private static IdempotencyRecord toIdempotency(String scopedKey, Map<String, AttributeValue> item) {
        return new IdempotencyRecord(scopedKey, str(item, "requestHash"), (int) num(item, "status", 200),
                str(item, "body"), Instant.ofEpochSecond(num(item, "ttl", 0)));
    }

    /** issue 8: consistent BatchGetItem, 100 keys per call, unprocessed keys retried. */
    @Override
    public Map<String, IdempotencyRecord> idempotencies(java.util.Collection<String> scopedKeys) {
        Map<String, IdempotencyRecord> found = new HashMap<>();
        List<String> keys = new ArrayList<>(new java.util.LinkedHashSet<>(scopedKeys));
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + 100))) {
                batch.add(Map.of("pk", s("IDEMP#" + key), "sk", s("IDEMP")));
            }
            Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request = Map.of(table,
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(batch)
                            .consistentRead(true).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                var finalRequest = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(finalRequest));
                for (var item : response.responses().getOrDefault(table, List.of())) {
                    String key = str(item, "pk").substring("IDEMP#".length());
                    found.put(key, toIdempotency(key, item));
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    try {
                        Thread.sleep(Math.min(1000, 20L << Math.min(attempt, 5)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void apply(Change change) {
        apply(change, List.of());
    }

    @Override
    public void apply(Change change, List<StoredDocument> keep) {
        long next = change.expectedVersion() + 1;
        Map<String, String> names = new HashMap<>(Map.of("#v", "version", "#u", "updatedAt"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":expected", n(change.expectedVersion()),
                ":next", n(next), ":now", instant(change.event().at())));
        StringBuilder set = new StringBuilder("SET #v = :next, #u = :now");
        if (change.newStatus() != null) {
            names.put("#s", "status");
            values.put(":s", s(change.newStatus().name()));
            set.append(", #s = :s");
        }
        int i = 0;
        StringBuilder remove = new StringBuilder();
        for (var entry : change.setAttributes().entrySet()) {
            names.put("#a" + i, entry.getKey());
            if (entry.getValue() == null) {
                // null removes the attribute, so sparse index keys (e.g. the open-payment index) leave their index
                remove.append(remove.isEmpty() ? " REMOVE " : ", ").append("#a").append(i);
            } else {
                values.put(":a" + i, toAttribute(entry.getValue()));
                set.append(", #a").append(i).append(" = :a").append(i);
            }
            i++;
        }
        // ByAgency (gsi2) keeps an agency's work queue ordered by status, then due date: re-key it when either moves.
        for (var key : agencyIndexKeys(change).entrySet()) {
            names.put("#" + key.getKey(), key.getKey());
            values.put(":" + key.getKey(), key.getValue());
            set.append(", #").append(key.getKey()).append(" = :").append(key.getKey());
        }
        // ---- monitoring (issue 8): the sparse ByDueDate index (gsi5) follows status, due date and the SLA flags
        var dueKeys = dueIndexKeys(change);
        if (dueKeys != null && dueKeys.isEmpty()) {
            remove.append(remove.isEmpty() ? " REMOVE " : ", ").append("gsi5pk, gsi5sk");
        } else if (dueKeys != null) {
            values.put(":gsi5pk", dueKeys.get("gsi5pk"));
            values.put(":gsi5sk", dueKeys.get("gsi5sk"));
            set.append(", gsi5pk = :gsi5pk, gsi5sk = :gsi5sk");
        }
        set.append(remove);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s(pk(change.code())), "sk", s(META)))
                .updateExpression(set.toString())
                .conditionExpression("#v = :expected")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        for (Component c : change.components()) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(componentItem(change.code(), c)).build()).build());
        }
        writes.add(TransactWriteItem.builder().put(eventPut(change.code(), next, change.event())).build());
        for (StoredDocument d : keep) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(storedDocumentItem(d)).build()).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                    || "TransactionConflict".equals(r.code()))) {
                throw new ConcurrentChangeException(change.code());
            }
            throw e;
        }
    }

    /**
     * The ByAgency sort key {@code <status>#<dueAt, or createdAt before a due date exists>#<code>}: one agency's
     * dossiers of one status, earliest due first, with a plain key-condition query (see DynamoWorkQueue).
     */
    public static String agencySortKey(String status, Instant dueAt, Instant createdAt, String code) {
        return status + "#" + (dueAt != null ? dueAt : createdAt) + "#" + code;
    }

    /** New gsi2 keys when a change moves the status, the due date or the agency; empty otherwise. */
    private Map<String, AttributeValue> agencyIndexKeys(Change change) {
        Map<String, Object> set = change.setAttributes();
        if (change.newStatus() == null && !set.containsKey("dueAt") && !set.containsKey("agencyId")) {
            return Map.of();
        }
        // A consistent read of the version the change is conditional on: if it moved, the write fails anyway.
        var current = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s(pk(change.code())), "sk", s(META)))
                .projectionExpression("#s, dueAt, createdAt, agencyId, version")
                .expressionAttributeNames(Map.of("#s", "status"))).item();
        if (current == null || current.isEmpty() || num(current, "version", -1) != change.expectedVersion()) {
            throw new ConcurrentChangeException(change.code());
        }
        String status = change.newStatus() != null ? change.newStatus().name() : str(current, "status");
        Object newDue = set.get("dueAt");
        Instant due = !set.containsKey("dueAt") ? instant(current, "dueAt")
                : newDue instanceof Instant i ? i : newDue == null ? null : Instant.parse(newDue.toString());
        String agency = set.containsKey("agencyId") ? (String) set.get("agencyId") : str(current, "agencyId");
        return Map.of("gsi2pk", s("AGENCY#" + agency),
                "gsi2sk", s(agencySortKey(status, due, instant(current, "createdAt"), change.code())));
    }

    // ---- monitoring (issue 8)
    /** The SLA attributes whose change moves a dossier in the ByDueDate index. */
    private static final java.util.Set<String> DUE_INDEX_INPUTS = java.util.Set.of("dueAt", "overdue", "dueSoonWarnedAt",
            "pausedAt", "provinceCode", vn.dvc.core.sla.AppointmentRule.ATTRIBUTE);

    /**
     * New gsi5 keys (ByDueDate: {@code DUE#province}, {@code stage#dueAt#code}) when a change moves the status, the
     * due date or an SLA flag; an empty map removes them (final, paused or no due date); null: untouched.
     */
    private Map<String, AttributeValue> dueIndexKeys(Change change) {
        Map<String, Object> set = change.setAttributes();
        if (change.newStatus() == null && set.keySet().stream().noneMatch(DUE_INDEX_INPUTS::contains)) {
            return null;
        }
        var current = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s(pk(change.code())), "sk", s(META)))
                .projectionExpression("#s, dueAt, overdue, dueSoonWarnedAt, pausedAt, provinceCode, version, agencyNewDueAt")
                .expressionAttributeNames(Map.of("#s", "status"))).item();
        if (current == null || current.isEmpty() || num(current, "version", -1) != change.expectedVersion()) {
            throw new ConcurrentChangeException(change.code());
        }
        DossierStatus status = change.newStatus() != null ? change.newStatus() : DossierStatus.valueOf(str(current, "status"));
        Instant due = set.containsKey("dueAt") ? asInstant(set.get("dueAt")) : instant(current, "dueAt");
        // issue 8: the agency's new appointment, once set, is the date the monitor watches (overdue only after it)
        Instant agencyDue = set.containsKey(vn.dvc.core.sla.AppointmentRule.ATTRIBUTE)
                ? asInstant(set.get(vn.dvc.core.sla.AppointmentRule.ATTRIBUTE)) : instant(current, "agencyNewDueAt");
        // moved past the statutory date: watched against the agency's date, still counted as overdue
        boolean rescheduled = due != null && agencyDue != null && agencyDue.isAfter(due);
        if (due != null && agencyDue != null) {
            due = agencyDue;
        }
        boolean paused = set.containsKey("pausedAt") ? set.get("pausedAt") != null : current.get("pausedAt") != null
                && current.get("pausedAt").nul() == null;
        boolean overdue = set.containsKey("overdue") ? Boolean.TRUE.equals(set.get("overdue")) : bool(current, "overdue");
        boolean warned = set.containsKey("dueSoonWarnedAt") ? set.get("dueSoonWarnedAt") != null
                : current.get("dueSoonWarnedAt") != null && current.get("dueSoonWarnedAt").nul() == null;
        String province = set.containsKey("provinceCode") ? (String) set.get("provinceCode") : str(current, "provinceCode");
        return dueIndexKeys(status, due, paused, overdue, warned, rescheduled, province, change.code());
    }

    static Map<String, AttributeValue> dueIndexKeys(DossierStatus status, Instant due, boolean paused, boolean overdue,
                                                    boolean warned, boolean rescheduled, String province, String code) {
        var stage = vn.dvc.core.sla.DueIndex.stageOf(status, due, paused, overdue, warned, rescheduled);
        if (stage.isEmpty() || province == null) {
            return Map.of();
        }
        return Map.of("gsi5pk", s(vn.dvc.core.sla.DueIndex.partition(province)),
                "gsi5sk", s(vn.dvc.core.sla.DueIndex.sortKey(stage.get(), due, code)));
    }

    private static Instant asInstant(Object value) {
        return value instanceof Instant i ? i : value == null ? null : Instant.parse(value.toString());
    }

    @Override
    public Page<Dossier> byApplicant(String applicantKey, int limit, String cursor) {
        return pageOf("ByApplicant", "gsi1pk", "APPLICANT#" + applicantKey, limit, cursor);
    }

    @Override
    public Page<Dossier> byFiler(String filerId, int limit, String cursor) {
        return pageOf("ByFiler", "gsi3pk", "FILER#" + filerId, limit, cursor);
    }

    private Page<Dossier> pageOf(String index, String keyAttribute, String key, int limit, String cursor) {
        var builder = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(keyAttribute + " = :k")
                .expressionAttributeValues(Map.of(":k", s(key)))
                .scanIndexForward(false).limit(limit);
        if (cursor != null) {
            builder.exclusiveStartKey(decodeCursor(cursor));
        }
        var response = dynamo.query(builder.build());
        List<Dossier> items = response.items().stream().map(DynamoDossierStore::toDossier).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? encodeCursor(response.lastEvaluatedKey()) : null;
        return new Page<>(items, next);
    }

    // ---- mapping ----

    private static Map<String, AttributeValue> idempotencyItem(IdempotencyRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("IDEMP#" + r.scopedKey()));
        item.put("sk", s("IDEMP"));
        item.put("requestHash", s(r.requestHash()));
        item.put("status", n(r.status()));
        item.put("body", s(r.responseBody()));
        item.put("ttl", n(r.expiresAt().getEpochSecond()));
        return item;
    }

    static Map<String, AttributeValue> dossierItem(Dossier d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(d.code())));
        item.put("sk", s(META));
        item.put("code", s(d.code()));
        item.put("procedureCode", s(d.procedureCode()));
        item.put("procedureVersion", n(d.procedureVersion()));
        item.put("status", s(d.status().name()));
        item.put("version", n(d.version()));
        item.put("agencyId", s(d.agencyId()));
        item.put("communeCode", s(d.communeCode()));
        item.put("provinceCode", s(d.provinceCode()));
        item.put("channel", s(d.channel().name()));
        item.put("applicantKey", s(d.applicantKey()));
        item.put("applicant", applicantAttr(d.applicant()));
        item.put("submittedBy", actorAttr(d.submittedBy()));
        item.put("createdAt", instant(d.createdAt()));
        item.put("updatedAt", instant(d.updatedAt()));
        if (d.dueAt() != null) {
            item.put("dueAt", instant(d.dueAt()));
        }
        item.put("form", s(Json.write(d.form() == null ? Map.of() : d.form())));
        if (d.attributes() != null) {
            d.attributes().forEach((k, v) -> item.put(k, toAttribute(v)));
        }
        item.put("gsi1pk", s("APPLICANT#" + d.applicantKey()));
        item.put("gsi1sk", s(d.createdAt() + "#" + d.code()));
        item.put("gsi2pk", s("AGENCY#" + d.agencyId()));
        item.put("gsi2sk", s(agencySortKey(d.status().name(), d.dueAt(), d.createdAt(), d.code())));
        // ---- monitoring (issue 8): a dossier created with a due date (e.g. carried over) joins ByDueDate at once
        Map<String, Object> a = d.attributes() == null ? Map.of() : d.attributes();
        Instant effectiveDue = d.dueAt() == null ? null : vn.dvc.core.sla.AppointmentRule.effectiveDue(d);
        item.putAll(dueIndexKeys(d.status(), effectiveDue, a.get("pausedAt") != null, Boolean.TRUE.equals(a.get("overdue")),
                a.get("dueSoonWarnedAt") != null, effectiveDue != null && effectiveDue.isAfter(d.dueAt()), d.provinceCode(), d.code()));
        if (d.submittedBy() != null && d.submittedBy().role() == Role.ASSISTANT) {
            item.put("gsi3pk", s("FILER#" + d.submittedBy().id()));
            item.put("gsi3sk", s(d.createdAt() + "#" + d.code()));
        }
        return item;
    }

    private static final java.util.Set<String> DOSSIER_FIELDS = java.util.Set.of("pk", "sk", "code", "procedureCode",
            "procedureVersion", "status", "version", "agencyId", "communeCode", "provinceCode", "channel", "applicantKey",
            "applicant", "submittedBy", "createdAt", "updatedAt", "dueAt", "form", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk",
            "gsi3pk", "gsi3sk", "gsi4sk",
            "gsi5pk", "gsi5sk"); // issue 8

    public static Dossier toDossier(Map<String, AttributeValue> item) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (!DOSSIER_FIELDS.contains(k)) {
                attributes.put(k, fromAttribute(v));
            }
        });
        String form = str(item, "form");
        return new Dossier(str(item, "code"), str(item, "procedureCode"), (int) num(item, "procedureVersion", 1),
                DossierStatus.valueOf(str(item, "status")), num(item, "version", 0), str(item, "agencyId"),
                str(item, "communeCode"), str(item, "provinceCode"), Channel.valueOf(str(item, "channel")),
                toApplicant(mapOf(item, "applicant")), str(item, "applicantKey"), toActor(mapOf(item, "submittedBy")),
                instant(item, "createdAt"), instant(item, "updatedAt"), instant(item, "dueAt"),
                form == null ? Map.of() : Json.MAPPER.convertValue(Json.read(form, Map.class), MAP), attributes);
    }

    private static AttributeValue applicantAttr(Applicant a) {
        if (a == null) {
            return nul();
        }
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("personalId", s(a.personalId()));
        m.put("fullName", s(a.fullName()));
        m.put("dateOfBirth", a.dateOfBirth() == null ? nul() : s(a.dateOfBirth().toString()));
        m.put("phone", s(a.phone()));
        m.put("email", s(a.email()));
        return map(m);
    }

    private static Applicant toApplicant(Map<String, AttributeValue> m) {
        if (m == null) {
            return null;
        }
        String dob = str(m, "dateOfBirth");
        return new Applicant(str(m, "personalId"), str(m, "fullName"), dob == null ? null : LocalDate.parse(dob),
                str(m, "phone"), str(m, "email"));
    }

    private static AttributeValue actorAttr(Actor a) {
        if (a == null) {
            return nul();
        }
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("role", s(a.role().name()));
        m.put("id", s(a.id()));
        m.put("agencyId", s(a.agencyId()));
        return map(m);
    }

    private static Actor toActor(Map<String, AttributeValue> m) {
        return m == null ? null : new Actor(Role.parse(str(m, "role")), str(m, "id"), str(m, "agencyId"));
    }

    private static AttributeValue textAttr(LocalizedText t) {
        return t == null ? nul() : map(Map.of("vi", s(t.vi()), "en", s(t.en())));
    }

    private static LocalizedText toText(Map<String, AttributeValue> m) {
        return m == null ? null : LocalizedText.of(str(m, "vi"), str(m, "en"));
    }

    public static Map<String, AttributeValue> storedDocumentItem(StoredDocument d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("CITIZEN#" + d.applicantKey()));
        item.put("sk", s("DOC#" + d.id()));
        item.put("documentId", s(d.id()));
        item.put("documentType", s(d.documentType()));
        item.put("objectKey", s(d.objectKey()));
        item.put("sha256", s(d.sha256()));
        item.put("sizeBytes", n(d.sizeBytes()));
        item.put("contentType", s(d.contentType()));
        item.put("sourceDossier", s(d.sourceDossier()));
        item.put("sourceComponent", s(d.sourceComponent()));
        item.put("storedAt", instant(d.storedAt()));
        return item;
    }

    public static StoredDocument toStoredDocument(String applicantKey, Map<String, AttributeValue> item) {
        return new StoredDocument(str(item, "documentId"), applicantKey, str(item, "documentType"), str(item, "objectKey"),
                str(item, "sha256"), num(item, "sizeBytes", 0), str(item, "contentType"), str(item, "sourceDossier"),
                str(item, "sourceComponent"), instant(item, "storedAt"));
    }

    static Map<String, AttributeValue> componentItem(String code, Component c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(code)));
        item.put("sk", s("COMP#" + c.code()));
        item.put("component", s(c.code()));
        item.put("required", bool(c.required()));
        item.put("state", s(c.state().name()));
        item.put("objectKey", s(c.objectKey()));
        item.put("contentType", s(c.contentType()));
        item.put("maxBytes", n(c.maxBytes()));
        item.put("sha256", s(c.sha256()));
        item.put("sizeBytes", c.sizeBytes() == null ? nul() : n(c.sizeBytes()));
        item.put("substitutedBy", s(c.substitutedBy()));
        item.put("reason", textAttr(c.reason()));
        item.put("updatedAt", instant(c.updatedAt()));
        return item;
    }

    static Component toComponent(Map<String, AttributeValue> item) {
        return new Component(str(item, "component"), bool(item, "required"), ComponentState.valueOf(str(item, "state")),
                str(item, "objectKey"), str(item, "contentType"), num(item, "maxBytes", 0), str(item, "sha256"),
                numOrNull(item, "sizeBytes"), str(item, "substitutedBy"), toText(mapOf(item, "reason")),
                instant(item, "updatedAt"));
    }

    private Put eventPut(String code, long version, HistoryEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(code)));
        item.put("sk", s("EVENT#" + String.format("%08d", version)));
        item.put("at", instant(e.at()));
        item.put("actor", actorAttr(e.actor()));
        item.put("action", s(e.action()));
        item.put("fromStatus", e.from() == null ? nul() : s(e.from().name()));
        item.put("toStatus", e.to() == null ? nul() : s(e.to().name()));
        item.put("reason", textAttr(e.reason()));
        item.put("details", s(Json.write(e.details() == null ? Map.of() : e.details())));
        // Append-only: an event is never overwritten, even by a retried transaction.
        return Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build();
    }

    static HistoryEvent toEvent(Map<String, AttributeValue> item) {
        String from = str(item, "fromStatus");
        String to = str(item, "toStatus");
        String details = str(item, "details");
        return new HistoryEvent(instant(item, "at"), toActor(mapOf(item, "actor")), str(item, "action"),
                from == null ? null : DossierStatus.valueOf(from), to == null ? null : DossierStatus.valueOf(to),
                toText(mapOf(item, "reason")),
                details == null ? Map.of() : Json.MAPPER.convertValue(Json.read(details, Map.class), MAP));
    }

    /** Plain values of dossier attributes: strings, numbers, booleans, instants, and nested data as JSON. */
    static AttributeValue toAttribute(Object value) {
        if (value == null) return nul();
        if (value instanceof String v) return s(v);
        if (value instanceof Integer || value instanceof Long) return n(((Number) value).longValue());
        if (value instanceof Boolean v) return bool(v);
        if (value instanceof Instant v) return instant(v);
        return AttributeValue.fromM(Map.of("json", s(Json.write(value))));
    }

    static Object fromAttribute(AttributeValue v) {
        if (v.s() != null) return v.s();
        if (v.n() != null) return Long.parseLong(v.n());
        if (v.bool() != null) return v.bool();
        if (v.hasM() && v.m().containsKey("json")) return Json.read(v.m().get("json").s(), Object.class);
        return null;
    }

    private static String encodeCursor(Map<String, AttributeValue> key) {
        Map<String, String> plain = new HashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue> decodeCursor(String cursor) {
        try {
            Map<String, String> plain = Json.read(new String(Base64.getUrlDecoder().decode(cursor)), Map.class);
            Map<String, AttributeValue> key = new HashMap<>();
            plain.forEach((k, v) -> key.put(k, s(v)));
            return key;
        } catch (RuntimeException e) {
            throw vn.dvc.core.error.ApiException.badRequest("BAD_CURSOR", "Con trỏ phân trang không hợp lệ.",
                    "The paging cursor is invalid.");
        }
    }
}
