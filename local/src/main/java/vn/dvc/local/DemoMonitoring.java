package vn.dvc.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.notify.DynamoAgencyInbox;
import vn.dvc.aws.stats.DynamoDueIndex;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.security.Role;
import vn.dvc.core.sla.SlaMonitor;

/**
 * DEMO DATA (issue 8): a dashboard-worthy day for the monitoring board in Hà Nội (province 01), so that
 * {@code GET /stats} for the demo supervisor (province 01) shows something after start. The dossiers are written
 * through the dossier store (not filed through the front door) because some need due dates in the past; every one
 * is labelled {@code demo: true}, filed by the actor {@code demo-data}, with a synthetic applicant. Their changes go
 * through the real stream, router and stats-aggregator; the overdue one gets its apology and the due-soon one its
 * warning from the SLA monitor's own per-dossier steps (the scheduled run is not simulated here).
 *
 * <p>Communes used: Ngọc Hà (00008), Giảng Võ (00025), Cửa Nam (00082), Tây Hồ (00103) — not the communes the
 * integration tests work in.
 */
public final class DemoMonitoring {
    public static final String PROVINCE = "01";
    public static final Actor DEMO = new Actor(Role.OPERATOR, "demo-data", null);
    private static final String[] COMMUNES = {"00008", "00025", "00082", "00103"};
    private static final String[] PROCEDURES = {"1.001193", "1.000894", "1.004194", "1.004222"};

    private DemoMonitoring() {}

    /** The codes of the overdue and the due-soon demo dossiers, and of all of them. */
    public record Seeded(String overdue, String dueSoon, List<String> all) {}

    public static Seeded seed(LocalSuite suite) {
        return seed(suite, Clock.systemUTC());
    }

    public static Seeded seed(LocalSuite suite, Clock clock) {
        String table = System.getProperty("DOSSIER_TABLE");
        var dynamo = AwsClients.dynamo();
        DynamoDossierStore store = new DynamoDossierStore(dynamo, table);
        WorkingDayCalendar calendar = WorkingDayCalendar.standard();
        Instant now = clock.instant();
        // keep every change of the demo inside today (Vietnam time), even just after midnight
        Instant startOfDay = LocalDateTime.of(LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE)), java.time.LocalTime.MIN)
                .atOffset(java.time.ZoneOffset.ofHours(7)).toInstant();
        List<String> all = new ArrayList<>();
        int n = 0;
        // 12 dossiers received today across 4 communes and 4 procedures: online, counter, assisted
        for (int i = 0; i < 12; i++) {
            String commune = COMMUNES[i % COMMUNES.length];
            Channel channel = i % 4 == 3 ? Channel.COUNTER : i % 6 == 5 ? Channel.POST : Channel.ONLINE;
            Instant filed = later(startOfDay, now, n++);
            String code = create(store, "X" + commune + ".UBND", commune, PROCEDURES[i % PROCEDURES.length], channel, filed);
            all.add(code);
            if (i < 9) {
                Instant due = calendar.addWorkingDays(filed, 5).due();
                Map<String, Object> accepted = new LinkedHashMap<>();
                accepted.put("dueAt", due);
                accepted.put("acceptedAt", later(startOfDay, now, n));
                if (i % 2 == 0) accepted.put("paidAmount", 8000L);
                step(store, code, DossierStatus.ACCEPTED, accepted, later(startOfDay, now, n++));
            }
            if (i < 6) {
                step(store, code, DossierStatus.IN_PROGRESS, Map.of(), later(startOfDay, now, n++));
                Instant done = later(startOfDay, now, n++);
                Map<String, Object> completed = new LinkedHashMap<>();
                completed.put("completedAt", done);
                if (i != 4) completed.put("result", Map.of("sha256", "demo", "signedAt", done.toString()));
                if (i == 5) {
                    // one handed over late: its due date had passed (demo: set in the past on purpose)
                    completed.put("dueAt", done.minus(Duration.ofHours(1)));
                }
                step(store, code, DossierStatus.RESULT_ISSUED, Map.of(), later(startOfDay, now, n++));
                step(store, code, DossierStatus.COMPLETED, completed, done);
                if (i % 3 == 0) {
                    step(store, code, null, Map.of("rating", Map.of("score", 4 + i % 2), "ratingScore", (long) (4 + i % 2),
                            "ratedAt", done), later(startOfDay, now, n++));
                }
            }
        }
        // one dossier whose due date has passed (demo: set in the past on purpose) and one due within hours
        SlaMonitor monitor = new SlaMonitor(store, new DynamoDueIndex(dynamo, table), new DynamoAgencyInbox(dynamo, table),
                ProcedureCatalog.bundled(), calendar, SlaMonitor.Policy.STANDARD, List.of(PROVINCE), clock);
        String overdue = all.get(6);
        step(store, overdue, DossierStatus.IN_PROGRESS, Map.of("dueAt", now.minus(Duration.ofHours(2))), later(startOfDay, now, n++));
        monitor.flagOverdue(overdue, now);
        String dueSoon = all.get(7);
        step(store, dueSoon, DossierStatus.IN_PROGRESS, Map.of("dueAt", calendar.addWorkingHours(now, 3).due()),
                later(startOfDay, now, n++));
        monitor.warnDueSoon(dueSoon, now);
        System.out.println("demo data: monitoring day in province " + PROVINCE + ": " + all.size()
                + " dossiers (overdue " + overdue + ", due soon " + dueSoon + ")");
        return new Seeded(overdue, dueSoon, all);
    }

    /** Instants of the demo's changes: one second apart, ending before now, never before the start of today. */
    private static Instant later(Instant startOfDay, Instant now, int n) {
        Instant t = now.minusSeconds(600 - n);
        return t.isBefore(startOfDay) ? startOfDay.plusSeconds(n) : t;
    }

    private static String create(DynamoDossierStore store, String agency, String commune, String procedure, Channel channel,
                                 Instant at) {
        LocalDate day = at.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        Actor filer = channel == Channel.POST ? new Actor(Role.ASSISTANT, "demo-data", agency) : DEMO;
        for (int attempt = 0; attempt < 20; attempt++) {
            long last = store.lastSequence(agency, day);
            String code = DossierCode.of(agency, day, last + 1).toString();
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("demo", true);
            Dossier d = new Dossier(code, procedure, 1, DossierStatus.RECEIVED, 1, agency, commune, PROVINCE, channel,
                    new Applicant(String.format("001090009%03d", (last + 1) % 1000), "Công dân Mẫu (demo)",
                            LocalDate.of(1990, 1, 1), "0900000099", null),
                    "demo-" + code, filer, at, at, null, Map.of(), attributes);
            try {
                store.create(d, List.of(), HistoryEvent.of(at, filer, "FILED", null, DossierStatus.RECEIVED), last, null);
                return code;
            } catch (DossierStore.SequenceTakenException e) {
                // another filing took the number: try the next one
            }
        }
        throw new IllegalStateException("no sequence number for demo data");
    }

    private static void step(DynamoDossierStore store, String code, DossierStatus to, Map<String, Object> set, Instant at) {
        Dossier d = store.find(code).orElseThrow();
        store.apply(new DossierStore.Change(code, d.version(), to, set, List.of(),
                new HistoryEvent(at, DEMO, to == null ? "DEMO_UPDATE" : "DEMO_" + to.name(), d.status(), to == null ? d.status() : to,
                        null, Map.of("demo", true))));
    }
}
