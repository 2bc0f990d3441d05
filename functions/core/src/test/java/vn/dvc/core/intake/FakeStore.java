package vn.dvc.core.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.documents.CitizenDocuments;
import vn.dvc.core.documents.StoredDocument;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.dossier.IdempotencyRecord;

/**
 * A test double of the dossier table with the real store's conditions: the sequence must be previous + 1, an
 * idempotency key is written once, a change needs the expected version, stored documents ride in the same change.
 * (The DynamoDB adapter itself is exercised by the integration tests.)
 */
final class FakeStore implements DossierStore, CitizenDocuments {
    final Map<String, Dossier> dossiers = new HashMap<>();
    final Map<String, Map<String, Component>> components = new HashMap<>();
    final Map<String, List<HistoryEvent>> history = new HashMap<>();
    final Map<String, Long> sequences = new HashMap<>();
    final Map<String, IdempotencyRecord> idempotency = new HashMap<>();
    final Map<String, Map<String, StoredDocument>> documents = new HashMap<>();

    @Override
    public synchronized Optional<Dossier> find(String code) {
        return Optional.ofNullable(dossiers.get(code));
    }

    @Override
    public synchronized List<Component> components(String code) {
        return List.copyOf(components.getOrDefault(code, Map.of()).values());
    }

    @Override
    public synchronized List<HistoryEvent> history(String code) {
        return List.copyOf(history.getOrDefault(code, List.of()));
    }

    @Override
    public synchronized long lastSequence(String agencyId, LocalDate day) {
        return sequences.getOrDefault(DossierCode.sequenceKey(agencyId, day), 0L);
    }

    @Override
    public synchronized void create(Dossier dossier, List<Component> comps, HistoryEvent event, long previousSequence,
                                    IdempotencyRecord record) {
        DossierCode code = DossierCode.parse(dossier.code()).orElseThrow();
        String seqKey = DossierCode.sequenceKey(code.agencyId(), code.day());
        if (record != null && idempotency.containsKey(record.scopedKey())) {
            throw new IdempotencyKeyUsedException();
        }
        if (sequences.getOrDefault(seqKey, 0L) != previousSequence) {
            throw new SequenceTakenException();
        }
        sequences.put(seqKey, previousSequence + 1);
        if (record != null) {
            idempotency.put(record.scopedKey(), record);
        }
        dossiers.put(dossier.code(), dossier);
        Map<String, Component> m = new LinkedHashMap<>();
        comps.forEach(c -> m.put(c.code(), c));
        components.put(dossier.code(), m);
        history.put(dossier.code(), new ArrayList<>(List.of(event)));
    }

    @Override
    public synchronized Optional<IdempotencyRecord> idempotency(String scopedKey) {
        return Optional.ofNullable(idempotency.get(scopedKey));
    }

    @Override
    public void apply(Change change) {
        apply(change, List.of());
    }

    @Override
    public synchronized void apply(Change change, List<StoredDocument> keep) {
        Dossier d = dossiers.get(change.code());
        if (d == null || d.version() != change.expectedVersion()) {
            throw new ConcurrentChangeException(change.code());
        }
        Map<String, Object> attributes = new HashMap<>(d.attributes() == null ? Map.of() : d.attributes());
        change.setAttributes().forEach((k, v) -> {
            if (v == null) attributes.remove(k); else attributes.put(k, v);
        });
        dossiers.put(d.code(), new Dossier(d.code(), d.procedureCode(), d.procedureVersion(),
                change.newStatus() == null ? d.status() : change.newStatus(), d.version() + 1, d.agencyId(), d.communeCode(),
                d.provinceCode(), d.channel(), d.applicant(), d.applicantKey(), d.submittedBy(), d.createdAt(),
                change.event().at(), d.dueAt(), d.form(), attributes));
        change.components().forEach(c -> components.get(d.code()).put(c.code(), c));
        history.get(d.code()).add(change.event());
        keep.forEach(doc -> documents.computeIfAbsent(doc.applicantKey(), k -> new LinkedHashMap<>()).put(doc.id(), doc));
    }

    @Override
    public synchronized Page<Dossier> byApplicant(String applicantKey, int limit, String cursor) {
        return new Page<>(dossiers.values().stream().filter(d -> applicantKey.equals(d.applicantKey())).toList(), null);
    }

    @Override
    public synchronized List<StoredDocument> list(String applicantKey, int limit) {
        return documents.getOrDefault(applicantKey, Map.of()).values().stream()
                .sorted(Comparator.comparing(StoredDocument::storedAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized Map<String, StoredDocument> find(String applicantKey, Collection<String> ids) {
        Map<String, StoredDocument> found = new HashMap<>();
        Map<String, StoredDocument> mine = documents.getOrDefault(applicantKey, Map.of());
        ids.forEach(id -> {
            if (mine.containsKey(id)) found.put(id, mine.get(id));
        });
        return found;
    }
}
