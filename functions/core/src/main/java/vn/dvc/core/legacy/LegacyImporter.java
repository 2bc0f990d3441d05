package vn.dvc.core.legacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.agency.AgencyKind;
import vn.dvc.core.agency.AgencyLevel;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.catalog.HandlingLevel;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.dossier.IdempotencyRecord;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.intake.Routing;
import vn.dvc.core.intake.RoutingDecision;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.LocalizedText;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.units.Commune;
import vn.dvc.core.units.OldCommune;
import vn.dvc.core.units.Province;
import vn.dvc.core.units.Text;
import vn.dvc.core.units.UnitResolution;

/**
 * Carries one pending dossier of an old provincial system into the new one.
 *
 * <p>{@link #plan} is pure (no I/O): it checks the row, resolves the old commune/district/province codes to the new
 * units ({@link AdministrativeUnits}; an old commune split between new communes goes to the candidate the row's
 * address names, else to the province's manual routing queue, as {@link Routing#route} does for filings), keeps the
 * original code, dates, status and remaining statutory time (the due date is recomputed on the working-day calendar
 * when only the remaining working days are given), and links the documents. {@link #write} creates the dossier
 * through the {@link DossierStore} port with its first history event ("imported from &lt;system&gt;"), the
 * agency's next sequence number, and an identity record keyed by source system and original code: written in the
 * same transaction, it makes a re-import of the same row a no-op.
 */
public final class LegacyImporter {
    /** Identity records of imports never expire (DynamoDB ignores a TTL this far ahead). */
    static final Instant KEEP_FOREVER = Instant.parse("2200-01-01T00:00:00Z");
    private static final int MAX_SEQUENCE_ATTEMPTS = 30;

    private final DossierStore store;
    private final ProcedureSource procedures;
    private final ApplicantKeys applicantKeys;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    public LegacyImporter(DossierStore store, ProcedureSource procedures, ApplicantKeys applicantKeys,
                          WorkingDayCalendar calendar, Clock clock) {
        this.store = store;
        this.procedures = procedures;
        this.applicantKeys = applicantKeys;
        this.calendar = calendar;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** The identity of an imported dossier: source system and original code (the idempotency record's key). */
    public static String identityKey(String system, String originalCode) {
        return "IMPORT#" + system + "#" + originalCode;
    }

    /** A row ready to be written, or why it cannot be imported. */
    public sealed interface Plan permits Planned, Rejected {}

    public record Rejected(int row, String originalCode, RowFailure failure) implements Plan {}

    /**
     * A dossier to create: everything but its code (which takes the agency's next sequence number of the day of
     * receipt). {@code manual} when it waits in the province's routing queue.
     */
    public record Planned(int row, String originalCode, String identityKey, String requestHash, String agencyId,
                          LocalDate day, Dossier template, List<Component> components, HistoryEvent event,
                          boolean manual) implements Plan {
        /** The partition of concurrent writers: one writer per agency and day keeps sequence numbers uncontended. */
        public String sequenceKey() {
            return DossierCode.sequenceKey(agencyId, day);
        }
    }

    public Plan plan(String system, String file, LegacyRecordReader.RawRecord raw) {
        LegacyRow.Parsed parsed = LegacyRow.parse(raw);
        if (parsed instanceof LegacyRow.Bad bad) {
            return new Rejected(raw.row(), raw.fields().get("original_code"), bad.failure());
        }
        LegacyRow row = ((LegacyRow.Ok) parsed).row();
        try {
            return plan(system, file, row);
        } catch (Reject r) {
            return new Rejected(row.row(), row.originalCode(), r.failure);
        }
    }

    private static final class Reject extends RuntimeException {
        final RowFailure failure;

        Reject(RowFailure failure) {
            super(failure.code(), null, false, false);
            this.failure = failure;
        }
    }

    private Planned plan(String system, String file, LegacyRow row) {
        Instant now = clock.instant();
        Procedure procedure = procedures.current(row.procedureCode()).orElseThrow(() -> new Reject(RowFailure.of(
                "UNKNOWN_PROCEDURE", "procedure_code", "Không có thủ tục hành chính với mã này.",
                "No administrative procedure has this code.")));
        if (procedure.level() == null || procedure.level() == HandlingLevel.CENTRAL || procedure.agencyKind() == null) {
            throw new Reject(RowFailure.of("PROCEDURE_NOT_ROUTABLE", "procedure_code",
                    "Thủ tục này không được giải quyết tại cấp xã hoặc cấp tỉnh.",
                    "This procedure is not handled at commune or province level."));
        }
        AgencyKind kind = AgencyKind.valueOf(procedure.agencyKind());
        boolean provinceLevel = procedure.level() == HandlingLevel.PROVINCE;

        Units units = units(row, provinceLevel);
        Agency agency;
        boolean manual = false;
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (units.commune != null) {
            agency = receivingAgency(procedure, units.commune);
        } else if (provinceLevel) {
            agency = Routing.agencies().byId(Agency.idOf(AgencyLevel.PROVINCE, units.province.code(), kind))
                    .orElseThrow(() -> new Reject(notRoutable()));
        } else {
            // A split commune the row's address does not place: the province's manual routing queue.
            manual = true;
            receivingAgency(procedure, units.candidates.get(0)); // the procedure must still be routable there
            agency = Routing.agencies().byId(Agency.idOf(AgencyLevel.PROVINCE, units.province.code(),
                    AgencyKind.SERVICE_CENTRE)).orElseThrow();
            attributes.put(RoutingDecision.ATTRIBUTE, "MANUAL");
            attributes.put("routingCandidates", units.candidates.stream().map(Commune::code).toList());
        }

        Instant dueAt;
        if (row.due() != null) {
            dueAt = row.due().at() != null ? row.due().at()
                    : row.due().date().atTime(calendar.officeHours().closing()).atZone(WorkingDayCalendar.ZONE).toInstant();
        } else {
            // Only the remaining statutory time is known: it runs on the working-day calendar from the import.
            dueAt = calendar.addWorkingDays(now, row.remainingWorkingDays()).due();
        }
        int remaining = row.remainingWorkingDays() != null ? row.remainingWorkingDays()
                : Math.max(0, calendar.workingDaysBetween(now, dueAt));

        String applicantKey = applicantKeys.keyOf(row.personalId());
        Applicant applicant = new Applicant(row.personalId(), row.fullName(), row.dateOfBirth(), row.phone(), row.email());
        Actor actor = new Actor(Role.OPERATOR, "import:" + system, null);
        LocalDate day = row.receivedAt().atZone(WorkingDayCalendar.ZONE).toLocalDate();

        Map<String, Object> legacyUnits = new LinkedHashMap<>();
        putIfNotNull(legacyUnits, "province", row.oldProvinceCode());
        putIfNotNull(legacyUnits, "district", row.oldDistrictCode());
        putIfNotNull(legacyUnits, "commune", row.oldCommuneCode());
        attributes.put("importedFrom", system);
        attributes.put("originalCode", row.originalCode());
        attributes.put("importFile", file);
        attributes.put("importRow", row.row());
        attributes.put("importedAt", now);
        attributes.put("legacyStatus", row.legacyStatus());
        attributes.put("legacyUnits", legacyUnits);
        attributes.put("remainingWorkingDaysAtImport", remaining);
        if (units.resolvedFrom != null) {
            attributes.put("resolvedFrom", units.resolvedFrom);
        }

        Map<String, Object> form = new LinkedHashMap<>();
        if (row.addressDetail() != null) {
            form.put("addressDetail", row.addressDetail());
        }
        Dossier template = new Dossier(null, procedure.code(), procedure.version(), row.status(), 1, agency.id(),
                units.commune == null ? null : units.commune.code(), units.province.code(), row.channel(), applicant,
                applicantKey, actor, row.receivedAt(), now, dueAt, form, attributes);

        List<Component> components = new ArrayList<>();
        for (LegacyRow.Document d : row.documents()) {
            components.add(d.key() != null
                    ? new Component(d.component(), false, ComponentState.RECEIVED, d.key(), null, 0, null, null, null,
                            null, now)
                    : new Component(d.component(), false, ComponentState.SUBSTITUTED, null, null, 0, null, null,
                            "LEGACY_URL:" + d.url(), null, now));
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("system", system);
        details.put("originalCode", row.originalCode());
        details.put("file", file);
        details.put("row", row.row());
        details.put("receivedAt", row.receivedAt().toString());
        details.put("dueAt", dueAt.toString());
        details.put("remainingWorkingDays", remaining);
        details.put("routing", manual ? "MANUAL" : agency.id());
        details.put("components", components.stream().map(Component::code).toList());
        HistoryEvent event = new HistoryEvent(now, actor, "IMPORTED", null, row.status(),
                LocalizedText.of("Nhập từ hệ thống " + system, "imported from " + system), details);
        return new Planned(row.row(), row.originalCode(), identityKey(system, row.originalCode()), hash(row), agency.id(),
                day, template, components, event, manual);
    }

    private Agency receivingAgency(Procedure procedure, Commune commune) {
        try {
            return Routing.receivingAgency(procedure, commune);
        } catch (ApiException | IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new Reject(notRoutable());
        }
    }

    private static RowFailure notRoutable() {
        return RowFailure.of("PROCEDURE_NOT_ROUTABLE", "procedure_code",
                "Không xác định được cơ quan tiếp nhận thủ tục này tại đơn vị hành chính mới.",
                "No receiving agency for this procedure in the new unit.");
    }

    /** The new units of a row: the commune (null when split and not placed, or province level without commune). */
    private record Units(Province province, Commune commune, List<Commune> candidates, String resolvedFrom) {}

    private Units units(LegacyRow row, boolean provinceLevel) {
        AdministrativeUnits all = AdministrativeUnits.get();
        if (row.oldCommuneCode() != null) {
            if (!AdministrativeUnits.isCommuneCode(row.oldCommuneCode())) {
                throw new Reject(unknownUnit("old_commune_code"));
            }
            // The column holds a pre-reform code; a current code is accepted when it never was an old one.
            UnitResolution r = all.resolveOld(row.oldCommuneCode())
                    .orElseGet(() -> all.resolve(row.oldCommuneCode(), AdministrativeUnits.REFORM_DATE));
            if (r instanceof UnitResolution.Merged merged && merged.successor() instanceof Commune c) {
                checkConsistent(row, merged.oldUnit() instanceof OldCommune oc ? oc : null);
                return new Units(all.province(c.provinceCode()).orElseThrow(), c, List.of(), row.oldCommuneCode());
            }
            if (r instanceof UnitResolution.Split split) {
                checkConsistent(row, split.oldUnit());
                Commune chosen = choose(row, split);
                return new Units(split.province(), chosen, split.candidates(), row.oldCommuneCode());
            }
            if (r instanceof UnitResolution.Current current && current.unit() instanceof Commune c) {
                return new Units(all.province(c.provinceCode()).orElseThrow(), c, List.of(), null);
            }
            throw new Reject(unknownUnit("old_commune_code"));
        }
        if (!provinceLevel) {
            throw new Reject(RowFailure.of("COMMUNE_REQUIRED", "old_commune_code",
                    "Thủ tục cấp xã cần mã xã/phường cũ.", "A commune-level procedure needs the old commune code."));
        }
        if (row.oldDistrictCode() != null) {
            var district = AdministrativeUnits.isOldDistrictCode(row.oldDistrictCode())
                    ? all.oldDistrict(row.oldDistrictCode()) : Optional.<vn.dvc.core.units.OldDistrict>empty();
            if (district.isEmpty()) {
                throw new Reject(unknownUnit("old_district_code"));
            }
            if (row.oldProvinceCode() != null && !row.oldProvinceCode().equals(district.get().oldProvinceCode())) {
                throw new Reject(mismatch());
            }
            return new Units(all.province(district.get().newProvinceCode()).orElseThrow(), null, List.of(), null);
        }
        Optional<Province> province = Optional.empty();
        if (AdministrativeUnits.isProvinceCode(row.oldProvinceCode())) {
            province = all.oldProvince(row.oldProvinceCode()).flatMap(p -> all.province(p.newProvinceCode()))
                    .or(() -> all.province(row.oldProvinceCode()));
        }
        return new Units(province.orElseThrow(() -> new Reject(unknownUnit("old_province_code"))), null, List.of(), null);
    }

    private static void checkConsistent(LegacyRow row, OldCommune old) {
        if (old == null) {
            return;
        }
        if (row.oldDistrictCode() != null && !row.oldDistrictCode().equals(old.districtCode())
                || row.oldProvinceCode() != null && !row.oldProvinceCode().equals(old.oldProvinceCode())) {
            throw new Reject(mismatch());
        }
    }

    /**
     * The candidate of a split the row places the dossier in: the {@code new_commune_code} column if it is one of
     * them, else the one candidate whose name the address detail contains (ignoring diacritics and case; a name
     * equal to the old commune's own name proves nothing, since old addresses carry it anyway); null otherwise.
     */
    static Commune choose(LegacyRow row, UnitResolution.Split split) {
        if (row.newCommuneCode() != null) {
            for (Commune c : split.candidates()) {
                if (c.code().equals(row.newCommuneCode())) {
                    return c;
                }
            }
        }
        if (row.addressDetail() == null) {
            return null;
        }
        String address = " " + Text.fold(row.addressDetail()).replaceAll("[^a-z0-9]+", " ") + " ";
        String oldName = bare(split.oldUnit().name());
        Commune found = null;
        for (Commune c : split.candidates()) {
            String name = bare(c.name());
            if (name.isEmpty() || name.equals(oldName)) {
                continue;
            }
            if (address.contains(" " + name + " ")) {
                if (found != null) {
                    return null; // two candidates named: ambiguous
                }
                found = c;
            }
        }
        return found;
    }

    /** A unit name folded, without its type word (xã, phường, thị trấn, đặc khu). */
    private static String bare(String name) {
        String folded = " " + Text.fold(name).replaceAll("[^a-z0-9]+", " ").strip();
        for (String type : List.of(" thi tran ", " phuong ", " xa ", " dac khu ")) {
            if (folded.startsWith(type)) {
                return folded.substring(type.length()).strip();
            }
        }
        return folded.strip();
    }

    private static RowFailure unknownUnit(String field) {
        return RowFailure.of("UNKNOWN_UNIT", field, "Không có đơn vị hành chính cũ với mã ở trường " + field + ".",
                "No old administrative unit has the code in " + field + ".");
    }

    private static RowFailure mismatch() {
        return RowFailure.of("UNIT_MISMATCH", "old_commune_code",
                "Mã xã, huyện, tỉnh cũ không khớp nhau.", "The old commune, district and province codes do not agree.");
    }

    private static void putIfNotNull(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A digest of the row's content: a re-import with different data for the same original code is told apart. */
    private static String hash(LegacyRow row) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // the row number is left out: the same rows in another order are the same data
            LegacyRow content = new LegacyRow(0, row.originalCode(), row.procedureCode(), row.oldProvinceCode(),
                    row.oldDistrictCode(), row.oldCommuneCode(), row.oldCommuneName(), row.addressDetail(),
                    row.newCommuneCode(), row.personalId(), row.fullName(), row.dateOfBirth(), row.phone(), row.email(),
                    row.receivedAt(), row.due(), row.remainingWorkingDays(), row.status(), row.legacyStatus(),
                    row.channel(), row.documents());
            digest.update(Json.write(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    public enum Written { IMPORTED, DUPLICATE, CHANGED_SINCE_IMPORT }

    /**
     * Writes a planned row: nothing if its identity record exists (a re-import), else the dossier with the next
     * sequence number of its agency and day. {@code sequences} caches the last number per agency and day for this
     * writer (one writer per agency and day: see {@link Planned#sequenceKey()}); a number taken by someone else
     * (a filing today) is read again.
     */
    public Written write(Planned p, Map<String, Long> sequences) {
        return write(p, store.idempotency(p.identityKey()), sequences);
    }

    /**
     * {@link #write(Planned, Map)} for several rows with one batched look-up of their identity records. A failure
     * of one row does not stop the others: its exception is its result.
     */
    public List<Object> writeAll(List<Planned> batch, Map<String, Long> sequences) {
        Map<String, IdempotencyRecord> existing = store.idempotencies(batch.stream().map(Planned::identityKey).toList());
        List<Object> results = new ArrayList<>(batch.size());
        for (Planned p : batch) {
            try {
                results.add(write(p, Optional.ofNullable(existing.get(p.identityKey())), sequences));
            } catch (RuntimeException e) {
                results.add(e);
            }
        }
        return results;
    }

    private Written write(Planned p, Optional<IdempotencyRecord> existing, Map<String, Long> sequences) {
        if (existing.isPresent()) {
            return existing.get().requestHash().equals(p.requestHash()) ? Written.DUPLICATE : Written.CHANGED_SINCE_IMPORT;
        }
        for (int attempt = 0; attempt < MAX_SEQUENCE_ATTEMPTS; attempt++) {
            Long cached = sequences.get(p.sequenceKey());
            long last = cached != null ? cached : store.lastSequence(p.agencyId(), p.day());
            String code = DossierCode.of(p.agencyId(), p.day(), last + 1).toString();
            Dossier t = p.template();
            Dossier dossier = new Dossier(code, t.procedureCode(), t.procedureVersion(), t.status(), 1, t.agencyId(),
                    t.communeCode(), t.provinceCode(), t.channel(), t.applicant(), t.applicantKey(), t.submittedBy(),
                    t.createdAt(), t.updatedAt(), t.dueAt(), t.form(), t.attributes());
            String body = Json.write(Map.of("code", code, "originalCode", p.originalCode()));
            try {
                store.create(dossier, p.components(), p.event(), last,
                        new IdempotencyRecord(p.identityKey(), p.requestHash(), 201, body, KEEP_FOREVER));
                sequences.put(p.sequenceKey(), last + 1);
                return Written.IMPORTED;
            } catch (DossierStore.IdempotencyKeyUsedException e) {
                return write(p, sequences); // imported meanwhile (a concurrent run): report as it is now
            } catch (DossierStore.SequenceTakenException e) {
                sequences.remove(p.sequenceKey());
            }
        }
        throw new IllegalStateException("no free sequence number for " + p.sequenceKey());
    }
}
