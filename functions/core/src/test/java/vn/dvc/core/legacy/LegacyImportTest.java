package vn.dvc.core.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.dossier.IdempotencyRecord;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.units.UnitResolution;

class LegacyImportTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-04T02:00:00Z"), ZoneOffset.UTC);
    static final String HEADER = String.join(",", LegacyRow.COLUMNS);

    /** A thread-safe in-memory stand-in for the dossier table port with its conditional semantics. */
    static final class MemoryStore implements DossierStore {
        final Map<String, Dossier> dossiers = new ConcurrentHashMap<>();
        final Map<String, Long> sequences = new ConcurrentHashMap<>();
        final Map<String, IdempotencyRecord> identities = new ConcurrentHashMap<>();
        final Map<String, List<HistoryEvent>> events = new ConcurrentHashMap<>();

        @Override public Optional<Dossier> find(String code) { return Optional.ofNullable(dossiers.get(code)); }
        @Override public List<Component> components(String code) { return List.of(); }
        @Override public List<HistoryEvent> history(String code) { return events.getOrDefault(code, List.of()); }
        @Override public long lastSequence(String agencyId, LocalDate day) {
            return sequences.getOrDefault(DossierCode.sequenceKey(agencyId, day), 0L);
        }
        @Override public synchronized void create(Dossier d, List<Component> c, HistoryEvent e, long previous, IdempotencyRecord idem) {
            if (identities.containsKey(idem.scopedKey())) {
                throw new IdempotencyKeyUsedException();
            }
            DossierCode code = DossierCode.parse(d.code()).orElseThrow();
            String key = DossierCode.sequenceKey(code.agencyId(), code.day());
            if (sequences.getOrDefault(key, 0L) != previous) {
                throw new SequenceTakenException();
            }
            sequences.put(key, previous + 1);
            identities.put(idem.scopedKey(), idem);
            dossiers.put(d.code(), d);
            events.put(d.code(), List.of(e));
        }
        @Override public Optional<IdempotencyRecord> idempotency(String k) { return Optional.ofNullable(identities.get(k)); }
        @Override public void apply(Change change) { throw new UnsupportedOperationException(); }
        @Override public Page<Dossier> byApplicant(String a, int l, String c) { throw new UnsupportedOperationException(); }
    }

    static LegacyImporter importer(DossierStore store) {
        ProcedureCatalog catalog = ProcedureCatalog.bundled();
        ProcedureSource source = new ProcedureSource() {
            @Override public Optional<vn.dvc.core.catalog.Procedure> current(String code) { return catalog.byCode(code); }
            @Override public Optional<vn.dvc.core.catalog.Procedure> version(String code, int v) { return catalog.byCode(code); }
        };
        return new LegacyImporter(store, source, new ApplicantKeys("unit-test-applicant-key-secret"),
                WorkingDayCalendar.standard(), CLOCK);
    }

    static String row(String original, String oldCommune, String address, String newCommune, String due, String remaining,
                      String status, String received) {
        Map<String, String> f = new TreeMap<>();
        f.put("original_code", original);
        f.put("procedure_code", "1.001193");
        f.put("old_commune_code", oldCommune);
        f.put("address_detail", address);
        f.put("new_commune_code", newCommune);
        f.put("applicant_personal_id", "001090000001");
        f.put("applicant_full_name", "Nguyễn Văn An");
        f.put("received_at", received);
        f.put("due_date", due);
        f.put("remaining_working_days", remaining);
        f.put("status", status);
        List<String> values = new ArrayList<>();
        for (String c : LegacyRow.COLUMNS) {
            String v = f.getOrDefault(c, "");
            values.add(v == null ? "" : v.contains(",") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return String.join(",", values);
    }

    static List<LegacyRecordReader.RawRecord> read(String text, LegacyRecordReader.Format format) {
        List<LegacyRecordReader.RawRecord> all = new ArrayList<>();
        new LegacyRecordReader(new StringReader(text), format).forEachRemaining(all::add);
        return all;
    }

    @Test
    void csvReaderHandlesQuotesLineBreaksBomAndBrokenRecords() {
        String text = "\uFEFFa,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n2,\"line\nbreak\",z\n3,only-two\n";
        List<LegacyRecordReader.RawRecord> rows = read(text, LegacyRecordReader.Format.CSV);
        assertEquals(3, rows.size());
        assertEquals("x, \"y\"", rows.get(0).fields().get("b"));
        assertEquals("line\nbreak", rows.get(1).fields().get("b"));
        assertEquals(2, rows.get(1).row());
        assertTrue(rows.get(2).isMalformed());
        String tooLong = "a,b\n1,\"" + "x".repeat(LegacyRecordReader.MAX_RECORD_CHARS + 10) + "\"\n2,ok\n";
        List<LegacyRecordReader.RawRecord> two = read(tooLong, LegacyRecordReader.Format.CSV);
        assertTrue(two.get(0).isMalformed());
        assertEquals("ok", two.get(two.size() - 1).fields().get("b"));
    }

    @Test
    void jsonLinesReaderFlattensDocumentsAndReportsBadLines() {
        String text = "{\"original_code\":\"A-1\",\"documents\":[\"legacy/a.pdf\",{\"component\":\"to-khai\",\"url\":\"https://x/y\"}]}\n\nnot json\n[1]\n";
        List<LegacyRecordReader.RawRecord> rows = read(text, LegacyRecordReader.Format.JSON_LINES);
        assertEquals(3, rows.size());
        assertEquals("legacy/a.pdf|to-khai=https://x/y", rows.get(0).fields().get("documents"));
        assertTrue(rows.get(1).isMalformed());
        assertEquals(2, rows.get(1).row());
        assertTrue(rows.get(2).isMalformed());
    }

    @Test
    void datesAreStrict() {
        assertNull(LegacyRow.date("31/02/2025"));
        assertNull(LegacyRow.date("2025-02-30"));
        assertEquals(LocalDate.of(2025, 6, 30), LegacyRow.date("30/06/2025"));
        assertEquals(Instant.parse("2025-06-30T01:15:00Z"), LegacyRow.instant("2025-06-30T08:15", false));
        assertEquals(DossierStatus.IN_PROGRESS, LegacyRow.status("Đang giải quyết"));
        assertNull(LegacyRow.status("Đã trả kết quả"));
    }

    @Test
    void splitCommunesArePlacedByCodeOrAddressElseQueued() {
        // 00019 (Phường Tứ Liên... see RoutingDecisionTest) is split: pick any split commune of the data
        var units = AdministrativeUnits.get();
        var split = units.oldCommunes().stream().filter(c -> c.isSplit()).findFirst().orElseThrow();
        var resolution = assertInstanceOf(UnitResolution.Split.class, units.resolveOld(split.code()).orElseThrow());
        var target = resolution.candidates().stream()
                .filter(c -> !vn.dvc.core.units.Text.fold(c.name()).equals(vn.dvc.core.units.Text.fold(split.name()).replaceFirst("^(xa|phuong|thi tran) ", "")))
                .findFirst().orElseThrow();
        MemoryStore store = new MemoryStore();
        LegacyImporter importer = importer(store);
        String csv = HEADER + "\n"
                + row("S-1", split.code(), "Thôn 1", target.code(), "2025-08-20", "", "Đang xử lý", "2025-06-10") + "\n"
                + row("S-2", split.code(), "Thôn 1, nay thuộc " + target.fullName(), "", "2025-08-20", "", "Đang xử lý", "2025-06-10") + "\n"
                + row("S-3", split.code(), "Thôn 1", "", "", "5", "Chờ bổ sung", "10/06/2025") + "\n";
        List<LegacyImporter.Plan> plans = read(csv, LegacyRecordReader.Format.CSV).stream()
                .map(r -> importer.plan("tinh-cu", "f.csv", r)).toList();
        var byCode = assertInstanceOf(LegacyImporter.Planned.class, plans.get(0));
        assertEquals(target.code(), byCode.template().communeCode());
        var byAddress = assertInstanceOf(LegacyImporter.Planned.class, plans.get(1));
        assertEquals(target.code(), byAddress.template().communeCode());
        var queued = assertInstanceOf(LegacyImporter.Planned.class, plans.get(2));
        assertTrue(queued.manual());
        assertEquals("MANUAL", queued.template().attributes().get("routingQueue"));
        assertEquals("T" + resolution.province().code() + ".TTPVHCC", queued.agencyId());
        // remaining days: the due date is recomputed on the working-day calendar from the import
        assertEquals(WorkingDayCalendar.standard().addWorkingDays(CLOCK.instant(), 5).due(), queued.template().dueAt());
        assertEquals(DossierStatus.SUPPLEMENT_REQUESTED, queued.template().status());
    }

    private static String file(int n) {
        var units = AdministrativeUnits.get();
        var merged = units.oldCommunes().stream().filter(c -> !c.isSplit()).limit(50).toList();
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= n; i++) {
            String commune = i % 10 == 0 ? "99999" : merged.get(i % merged.size()).code();
            csv.append(row("R-" + i, commune, "Số " + i, "", i % 2 == 0 ? "2025-08-20" : "", i % 2 == 0 ? "" : "3",
                    "Đang xử lý", "2025-06-" + (10 + i % 15))).append('\n');
        }
        return csv.toString();
    }

    @Test
    void reimportChangesNothingAndAChangedRowIsReported() {
        MemoryStore store = new MemoryStore();
        LegacyImporter importer = importer(store);
        String csv = file(300);
        List<RowFailure> failures = new ArrayList<>();
        var first = new ImportRun(importer, 4).run("tinh-cu", "f.csv", read(csv, LegacyRecordReader.Format.CSV).iterator(),
                null, () -> Long.MAX_VALUE, 0, (r, c, f) -> failures.add(f));
        assertTrue(first.finished());
        assertEquals(270, first.imported());
        assertEquals(30, first.failed());
        assertEquals(Map.of("UNKNOWN_UNIT", 30L), first.byReason());
        var snapshot = Map.copyOf(store.dossiers);
        var again = new ImportRun(importer, 4).run("tinh-cu", "f.csv", read(csv, LegacyRecordReader.Format.CSV).iterator(),
                null, () -> Long.MAX_VALUE, 0, (r, c, f) -> { });
        assertEquals(0, again.imported());
        assertEquals(270, again.duplicates());
        assertEquals(snapshot, store.dossiers);
        String changed = csv.replace("Số 1,", "Số 1 (sửa),");
        var third = new ImportRun(importer, 4).run("tinh-cu", "f.csv", read(changed, LegacyRecordReader.Format.CSV).iterator(),
                null, () -> Long.MAX_VALUE, 0, (r, c, f) -> { });
        assertEquals(1L, third.byReason().get("CHANGED_SINCE_IMPORT"));
        assertEquals(snapshot, store.dossiers);
        // every history event says where the dossier came from
        assertTrue(store.events.values().stream().allMatch(e -> e.get(0).reason().en().equals("imported from tinh-cu")));
    }

    @Test
    void aStoppedRunResumesFromItsCheckpointWithTheSameTotals() {
        String csv = file(1_000);
        MemoryStore straightStore = new MemoryStore();
        var straight = new ImportRun(importer(straightStore), 4).run("tinh-cu", "f.csv",
                read(csv, LegacyRecordReader.Format.CSV).iterator(), null, () -> Long.MAX_VALUE, 0, (r, c, f) -> { });

        MemoryStore store = new MemoryStore();
        LegacyImporter importer = importer(store);
        AtomicInteger calls = new AtomicInteger();
        List<Integer> failedRows = new ArrayList<>();
        var stopped = new ImportRun(importer, 4).run("tinh-cu", "f.csv", read(csv, LegacyRecordReader.Format.CSV).iterator(),
                null, () -> calls.incrementAndGet() > 3 ? 0 : Long.MAX_VALUE, 1, (r, c, f) -> { });
        assertFalse(stopped.finished());
        assertEquals(400, stopped.checkpoint().rowsDone());
        assertEquals(360, stopped.imported());
        var resumed = new ImportRun(importer, 4).run("tinh-cu", "f.csv", read(csv, LegacyRecordReader.Format.CSV).iterator(),
                stopped.checkpoint(), () -> Long.MAX_VALUE, 1, (r, c, f) -> failedRows.add(r));
        assertTrue(resumed.finished());
        assertEquals(straight.imported(), resumed.imported());
        assertEquals(straight.failed(), resumed.failed());
        assertEquals(0, resumed.duplicates());
        assertEquals(1, resumed.resumes());
        assertEquals(100, failedRows.size(), "every failed row reported once");
        assertEquals(straightStore.dossiers.size(), store.dossiers.size());
    }
}
