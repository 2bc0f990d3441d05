package vn.dvc.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.dvc.core.catalog.DataSubstitute;
import vn.dvc.core.catalog.HandlingLevel;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.fees.CategoryClaims;
import vn.dvc.core.intake.FormSchema;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.json.Json;
import vn.dvc.core.register.CitizenRecord;
import vn.dvc.core.register.IdentityMatch;
import vn.dvc.core.register.PopulationRegister;
import vn.dvc.core.text.LocalizedText;

/**
 * Validates a dossier in VALIDATING against the procedure version it was filed under:
 * <ol>
 *   <li>completeness of the document components;</li>
 *   <li>the form against the version's form schema (odd data becomes supplement reasons, never a crash);</li>
 *   <li>the applicant's identity against the population register ({@link IdentityMatch}). A match records an
 *       evidence record on the dossier and marks the components the register substitutes as SUBSTITUTED, so the
 *       citizen uploads no copy of what the state already holds.</li>
 * </ol>
 * Everything good -> VALIDATED (the fee step follows); otherwise NEEDS_SUPPLEMENT with a reason per component in
 * Vietnamese and English. Evidence, components and status change go in one {@link DossierStore#apply}. A register
 * outage propagates as {@link PopulationRegister.RegisterUnavailableException} before anything is written, so the
 * message returns to the queue and the citizen is never marked wrong. Acts only on the version it was told about.
 */
public final class ValidationService {
    private static final Actor ACTOR = Actor.system("validation-worker");
    public static final String EVIDENCE_ATTRIBUTE = "identityEvidence";
    private static final String POPULATION = DataSubstitute.POPULATION_REGISTER.name();

    private final DossierStore store;
    private final ProcedureSource procedures;
    private final PopulationRegister register;
    private final Clock clock;

    public ValidationService(DossierStore store, ProcedureSource procedures, PopulationRegister register, Clock clock) {
        this.store = store;
        this.procedures = procedures;
        this.register = register;
        this.clock = clock;
    }

    public enum Outcome { VALIDATED, NEEDS_SUPPLEMENT, STALE, NOT_FOUND, PROCEDURE_UNKNOWN }

    /** One reason the dossier needs a supplement: a component code (or {@code form}/{@code applicant}) and why. */
    public record Reason(String component, String field, LocalizedText reason) {}

    public Outcome validate(String code, long version) {
        Optional<Dossier> found = store.find(code);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        Dossier dossier = found.get();
        if (dossier.status() != DossierStatus.VALIDATING || dossier.version() != version) {
            return Outcome.STALE;
        }
        Optional<Procedure> procedure = procedures.version(dossier.procedureCode(), dossier.procedureVersion())
                .or(() -> procedures.current(dossier.procedureCode()));
        if (procedure.isEmpty()) {
            return Outcome.PROCEDURE_UNKNOWN;
        }
        List<Component> components = store.components(code);
        List<Reason> reasons = new ArrayList<>();
        for (CompletenessCheck.Missing m : CompletenessCheck.missing(components)) {
            reasons.add(new Reason(m.component(), null, m.reason()));
        }
        for (FormCheck.Problem p : FormCheck.check(procedure.get().formSchema(), formDocument(dossier))) {
            reasons.add(new Reason("form", p.path(), p.reason()));
        }

        // The register is asked last and before any write: an outage throws here and nothing changes.
        String residence = requiredResidence(procedure.get(), dossier);
        Optional<CitizenRecord> record = dossier.applicant() == null || dossier.applicant().personalId() == null
                ? Optional.empty() : register.lookup(dossier.applicant().personalId());
        IdentityMatch.Result identity = IdentityMatch.compare(dossier.applicant(), residence, record);
        Instant now = clock.instant();

        List<Component> substitutable = components.stream()
                .filter(c -> POPULATION.equals(c.substitutedBy()) && !c.state().satisfied()).toList();
        List<Component> updated = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (identity.matched()) {
            for (Component c : substitutable) {
                updated.add(new Component(c.code(), c.required(), ComponentState.SUBSTITUTED, c.objectKey(), c.contentType(),
                        c.maxBytes(), c.sha256(), c.sizeBytes(), POPULATION, null, now));
            }
            attributes.put(EVIDENCE_ATTRIBUTE, evidence(record.get(), identity, dossier, now));
        } else {
            List<LocalizedText> why = identity.outcome() == IdentityMatch.Outcome.NOT_FOUND
                    ? List.of(IdentityMatch.NOT_FOUND_REASON)
                    : identity.mismatched().stream().map(IdentityMatch::reason).toList();
            List<String> targets = substitutable.stream().filter(Component::required).map(Component::code).toList();
            for (String target : targets.isEmpty() ? List.of("applicant") : targets) {
                for (int i = 0; i < why.size(); i++) {
                    String field = identity.mismatched().isEmpty() ? null : identity.mismatched().get(i);
                    reasons.add(new Reason(target, field, why.get(i)));
                }
            }
        }

        DossierStatus next = reasons.isEmpty() ? DossierStatus.VALIDATED : DossierStatus.NEEDS_SUPPLEMENT;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("identity", Map.of("outcome", identity.outcome().name(), "fieldsCompared", identity.compared(),
                "mismatched", identity.mismatched(), "source", register.source()));
        details.put("missing", reasons.stream().map(ValidationService::reasonMap).toList());
        if (!updated.isEmpty()) {
            details.put("substituted", updated.stream().map(Component::code).toList());
        }
        HistoryEvent event = new HistoryEvent(now, ACTOR, reasons.isEmpty() ? "VALIDATED" : "SUPPLEMENT_NEEDED",
                dossier.status(), next, reasons.isEmpty() ? null : LocalizedText.of(
                "Hồ sơ chưa đầy đủ hoặc chưa hợp lệ.", "The dossier is incomplete or not valid."), details);
        try {
            store.apply(new DossierStore.Change(code, version, next, attributes, updated, event));
        } catch (DossierStore.ConcurrentChangeException e) {
            return Outcome.STALE; // someone moved it meanwhile; their change produces its own message
        }
        return reasons.isEmpty() ? Outcome.VALIDATED : Outcome.NEEDS_SUPPLEMENT;
    }

    /**
     * Civil-status procedures at commune level are handled by the commune where the applicant resides (Luật Hộ tịch
     * 60/2014/QH13, e.g. Art. 13 for births), so the register must place the applicant in the receiving commune.
     */
    static String requiredResidence(Procedure procedure, Dossier dossier) {
        boolean civilStatus = procedure.field() != null && procedure.field().vi() != null
                && procedure.field().vi().toLowerCase(java.util.Locale.ROOT).contains("hộ tịch");
        return civilStatus && procedure.level() == HandlingLevel.COMMUNE ? dossier.communeCode() : null;
    }

    /** The form as the schema sees it (the same document intake checked): the applicant's fields beside the form. */
    static JsonNode formDocument(Dossier dossier) {
        return FormSchema.document(dossier.form(), dossier.applicant());
    }

    private Map<String, Object> evidence(CitizenRecord record, IdentityMatch.Result identity, Dossier dossier, Instant now) {
        Set<String> claimed = CategoryClaims.claimed(dossier.form());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("source", register.source());
        evidence.put("checkedAt", now.toString());
        evidence.put("fieldsCompared", identity.compared());
        evidence.put("result", identity.outcome().name());
        evidence.put("responseSha256", sha256(record.canonical()));
        // Only what the applicant claimed and the register confirmed: the fee step needs no more.
        evidence.put("confirmedCategories", record.categories().stream().filter(claimed::contains).toList());
        return evidence;
    }

    private static Map<String, Object> reasonMap(Reason r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("component", r.component());
        if (r.field() != null) {
            m.put("field", r.field());
        }
        m.put("reason", Map.of("vi", r.reason().vi(), "en", r.reason().en()));
        return m;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
