package vn.dvc.core.processing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.dossier.IdempotencyRecord;

/** A test double of the store port with the same conditional-version semantics (the real one is tested in tests/). */
final class InMemoryDossierStore implements DossierStore {
    final Map<String, Dossier> dossiers = new HashMap<>();
    final Map<String, Map<String, Component>> components = new HashMap<>();
    final Map<String, List<HistoryEvent>> history = new HashMap<>();

    void put(Dossier d, List<Component> comps) {
        dossiers.put(d.code(), d);
        Map<String, Component> m = new LinkedHashMap<>();
        comps.forEach(c -> m.put(c.code(), c));
        components.put(d.code(), m);
        history.put(d.code(), new ArrayList<>());
    }

    @Override
    public Optional<Dossier> find(String code) {
        return Optional.ofNullable(dossiers.get(code));
    }

    @Override
    public List<Component> components(String code) {
        return List.copyOf(components.getOrDefault(code, Map.of()).values());
    }

    @Override
    public List<HistoryEvent> history(String code) {
        return List.copyOf(history.getOrDefault(code, List.of()));
    }

    @Override
    public long lastSequence(String agencyId, LocalDate day) {
        return 0;
    }

    @Override
    public void create(Dossier dossier, List<Component> comps, HistoryEvent event, long previousSequence,
                       IdempotencyRecord idempotency) {
        put(dossier, comps);
        history.get(dossier.code()).add(event);
    }

    @Override
    public Optional<IdempotencyRecord> idempotency(String scopedKey) {
        return Optional.empty();
    }

    /** Documents kept in applicants' data stores (issue 4: issued results are kept for once-only reuse). */
    final java.util.List<vn.dvc.core.documents.StoredDocument> kept = new java.util.ArrayList<>();

    @Override
    public synchronized void apply(Change change, java.util.List<vn.dvc.core.documents.StoredDocument> keep) {
        apply(change);
        kept.addAll(keep);
    }

    @Override
    public synchronized void apply(Change change) {
        Dossier d = dossiers.get(change.code());
        if (d == null || d.version() != change.expectedVersion()) {
            throw new ConcurrentChangeException(change.code());
        }
        Map<String, Object> attributes = new HashMap<>(d.attributes());
        String agencyId = d.agencyId();
        String communeCode = d.communeCode();
        java.time.Instant dueAt = d.dueAt();
        for (var e : change.setAttributes().entrySet()) {
            switch (e.getKey()) {
                case "agencyId" -> agencyId = (String) e.getValue();
                case "communeCode" -> communeCode = (String) e.getValue();
                case "dueAt" -> dueAt = (java.time.Instant) e.getValue();
                default -> {
                    // like the real store: values go through JSON (instants become strings, records become maps)
                    Object v = e.getValue();
                    if (v instanceof java.time.Instant i) {
                        v = i.toString();
                    } else if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                        v = vn.dvc.core.json.Json.read(vn.dvc.core.json.Json.write(v), Object.class);
                    }
                    attributes.put(e.getKey(), v);
                }
            }
        }
        dossiers.put(d.code(), new Dossier(d.code(), d.procedureCode(), d.procedureVersion(),
                change.newStatus() == null ? d.status() : change.newStatus(), d.version() + 1, agencyId, communeCode,
                d.provinceCode(), d.channel(), d.applicant(), d.applicantKey(), d.submittedBy(), d.createdAt(),
                change.event().at(), dueAt, d.form(), attributes));
        change.components().forEach(c -> components.get(d.code()).put(c.code(), c));
        history.get(d.code()).add(change.event());
    }

    @Override
    public Page<Dossier> byApplicant(String applicantKey, int limit, String cursor) {
        return new Page<>(List.of(), null);
    }
}
