package vn.dvc.core.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.notify.AgencyInbox;
import vn.dvc.core.notify.AgencyNotice;
import vn.dvc.core.notify.TemplateData;
import vn.dvc.core.text.LocalizedText;

/**
 * The SLA monitor (run every 15 minutes): per province, through the {@link DueIndex} (never a scan),
 * <ul>
 *   <li>warns the agency ONCE of each dossier due within {@link Policy#dueSoonWorkingHours()} office hours (a
 *       notice in its inbox, idempotent on the notice id, and the flag {@code dueSoonWarnedAt} with a history
 *       event);</li>
 *   <li>flags each dossier past its due date {@code overdue} (a flag, not a status) and issues the apology slip
 *       with a new appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả, Decree 61/2018/NĐ-CP Art. 19(3) as
 *       amended by Decree 107/2021/NĐ-CP): the agency's own date ({@code agencyNewDueAt}) when it set one,
 *       else {@link Policy#apologyWorkingDays()} working days from now. The change is a committed dossier change
 *       with a history event, so the stream tells the citizen (and the statistics).</li>
 * </ul>
 * Every write is conditional on the dossier's version and re-checks the state read consistently, so repeated or
 * overlapping runs change nothing twice. The clock is injected: tests run it "at" any instant.
 */
public final class SlaMonitor {
    public static final Actor ACTOR = Actor.system("sla-monitor");
    static final LocalizedText APOLOGY_REASON = LocalizedText.of(
            "Hồ sơ chưa được giải quyết trong thời hạn quy định. Cơ quan giải quyết xin lỗi và hẹn lại ngày trả kết quả.",
            "The dossier was not settled within the statutory time. The agency apologises and sets a new date for the result.");

    public record Policy(int dueSoonWorkingHours, int apologyWorkingDays, int maxPerRun) {
        public static final Policy STANDARD = new Policy(8, 5, 2000);
    }

    public record Report(int dueSoonWarned, int overdueFlagged, int unchanged, int failed, int overdueOpen, int dueSoonOpen) {}

    private final DossierStore store;
    private final DueIndex index;
    private final AgencyInbox inbox;
    private final ProcedureCatalog catalog;
    private final WorkingDayCalendar calendar;
    private final Policy policy;
    private final List<String> provinces;
    private final Clock clock;

    public SlaMonitor(DossierStore store, DueIndex index, AgencyInbox inbox, ProcedureCatalog catalog,
                      WorkingDayCalendar calendar, Policy policy, List<String> provinces, Clock clock) {
        this.store = store;
        this.index = index;
        this.inbox = inbox;
        this.catalog = catalog;
        this.calendar = calendar;
        this.policy = policy;
        this.provinces = provinces;
        this.clock = clock;
    }

    /** The end of the due-soon window: {@code hours} office hours after {@code now} (holidays and weekends skipped). */
    public static Instant windowEnd(WorkingDayCalendar calendar, Instant now, int hours) {
        return calendar.addWorkingHours(now, hours).due();
    }

    /** Due soon: not yet due, and due within {@code hours} office hours of {@code now}. */
    public static boolean isDueSoon(WorkingDayCalendar calendar, Instant now, Instant dueAt, int hours) {
        return dueAt != null && dueAt.isAfter(now) && !dueAt.isAfter(windowEnd(calendar, now, hours));
    }

    public Report run() {
        Instant now = clock.instant();
        Instant windowEnd = windowEnd(calendar, now, policy.dueSoonWorkingHours());
        int warned = 0, flagged = 0, unchanged = 0, failed = 0, budget = policy.maxPerRun();
        for (String province : provinces) {
            // overdue first: a dossier both past due and never warned gets its apology, not a warning
            for (DueIndex.Stage stage : List.of(DueIndex.Stage.TO_WARN, DueIndex.Stage.WARNED, DueIndex.Stage.RESCHEDULED,
                    DueIndex.Stage.RESCHEDULED_WARNED)) {
                for (DueIndex.Entry e : index.dueBefore(province, stage, now, Math.max(0, budget))) {
                    budget--;
                    switch (attempt(() -> flagOverdue(e.code(), now))) {
                        case 1 -> flagged++;
                        case 0 -> unchanged++;
                        default -> failed++;
                    }
                }
            }
            for (DueIndex.Stage stage : List.of(DueIndex.Stage.TO_WARN, DueIndex.Stage.RESCHEDULED)) {
                for (DueIndex.Entry e : index.dueBefore(province, stage, windowEnd.plusMillis(1), Math.max(0, budget))) {
                    if (!e.dueAt().isAfter(now)) {
                        continue; // handled above (or failed there: the next run tries again)
                    }
                    budget--;
                    switch (attempt(() -> warnDueSoon(e.code(), now))) {
                        case 1 -> warned++;
                        case 0 -> unchanged++;
                        default -> failed++;
                    }
                }
            }
        }
        int overdueOpen = 0, dueSoonOpen = 0;
        for (String province : provinces) {
            for (DueIndex.Stage stage : List.of(DueIndex.Stage.OVERDUE, DueIndex.Stage.RESCHEDULED, DueIndex.Stage.RESCHEDULED_WARNED)) {
                overdueOpen += index.dueBefore(province, stage, null, 100_000).size();
            }
            dueSoonOpen += index.dueBefore(province, DueIndex.Stage.WARNED, null, 100_000).size();
        }
        return new Report(warned, flagged, unchanged, failed, overdueOpen, dueSoonOpen);
    }

    private interface Step {
        boolean run();
    }

    /** 1 changed, 0 nothing to do, -1 failed (a concurrent change; the next run looks again). */
    private static int attempt(Step step) {
        try {
            return step.run() ? 1 : 0;
        } catch (DossierStore.ConcurrentChangeException e) {
            return -1;
        }
    }

    private static boolean clockRuns(Dossier d) {
        Map<String, Object> a = attributes(d);
        return !d.status().isFinal() && d.dueAt() != null && a.get("pausedAt") == null
                && d.status() != vn.dvc.core.dossier.DossierStatus.SUPPLEMENT_REQUESTED;
    }

    /** Warns the dossier's agency once; false when there is nothing to do (warned, overdue, not due soon, closed). */
    public boolean warnDueSoon(String code, Instant now) {
        Optional<Dossier> found = store.find(code);
        if (found.isEmpty()) return false;
        Dossier d = found.get();
        Map<String, Object> a = attributes(d);
        Instant due = AppointmentRule.effectiveDue(d); // the agency's new appointment, once it set one
        if (!clockRuns(d) || a.get("dueSoonWarnedAt") != null || Boolean.TRUE.equals(a.get("overdue"))
                || !isDueSoon(calendar, now, due, policy.dueSoonWorkingHours())) {
            return false;
        }
        long minutesLeft = calendar.officeTimeBetween(now, due).toMinutes();
        if (d.agencyId() != null) {
            // the notice id is derived from the dossier and its due date: a repeated run posts nothing new
            inbox.post(AgencyNotice.dueSoon(d.agencyId(), "DUE_SOON#" + code + "#" + due, d.procedureCode(),
                    new TemplateData(code, procedureName(d), now, due, null, null, null)));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dueAt", due.toString());
        details.put("officeMinutesLeft", minutesLeft);
        details.put("windowWorkingHours", policy.dueSoonWorkingHours());
        store.apply(new DossierStore.Change(code, d.version(), null, Map.of("dueSoonWarnedAt", now), List.of(),
                new HistoryEvent(now, ACTOR, "DUE_SOON_WARNED", d.status(), d.status(), null, details)));
        return true;
    }

    /** Flags the dossier overdue and issues the apology slip; false when it is not (or no longer) overdue. */
    public boolean flagOverdue(String code, Instant now) {
        Optional<Dossier> found = store.find(code);
        if (found.isEmpty()) return false;
        Dossier d = found.get();
        Map<String, Object> a = attributes(d);
        // issue 8: an agency-set appointment is the due date now; the dossier is overdue (again) only after it
        Instant due = AppointmentRule.effectiveDue(d);
        if (!clockRuns(d) || Boolean.TRUE.equals(a.get("overdue")) || !now.isAfter(due)) {
            return false;
        }
        Instant agencyDate = instant(a.get(AppointmentRule.ATTRIBUTE));
        boolean byAgency = agencyDate != null && agencyDate.isAfter(now);
        Instant newDueAt = byAgency ? agencyDate : calendar.addWorkingDays(now, policy.apologyWorkingDays()).due();
        Map<String, Object> apology = new LinkedHashMap<>();
        apology.put("number", code + "-XL");
        apology.put("title", Map.of("vi", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "en", "Apology and new appointment slip"));
        apology.put("issuedAt", now.toString());
        apology.put("originalDueAt", d.dueAt().toString());
        apology.put("newDueAt", newDueAt.toString());
        apology.put("newDueSetBy", byAgency ? "AGENCY" : "DEFAULT");
        apology.put("agencyId", d.agencyId());
        apology.put("reason", Map.of("vi", APOLOGY_REASON.vi(), "en", APOLOGY_REASON.en()));
        if (a.get("apology") instanceof Map<?, ?> earlier) {
            apology.put("replaces", previousSlip(earlier)); // the agency's date was missed too: a new slip
        }
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("overdue", true);
        set.put("overdueAt", now);
        set.put("apology", apology);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dueAt", d.dueAt().toString());
        if (!due.equals(d.dueAt())) {
            details.put("missedAppointment", due.toString());
        }
        details.put("newDueAt", newDueAt.toString());
        details.put("slip", apology.get("number"));
        details.put("officeMinutesLate", calendar.officeTimeBetween(due, now).toMinutes());
        store.apply(new DossierStore.Change(code, d.version(), null, set, List.of(),
                new HistoryEvent(now, ACTOR, "OVERDUE_APOLOGY_ISSUED", d.status(), d.status(), APOLOGY_REASON, details)));
        return true;
    }

    /** What a replaced slip leaves on its successor (the history keeps every slip's event in full). */
    public static Map<String, Object> previousSlip(Map<?, ?> earlier) {
        Map<String, Object> previous = new LinkedHashMap<>();
        for (String k : List.of("issuedAt", "newDueAt", "newDueSetBy")) {
            if (earlier.get(k) != null) {
                previous.put(k, String.valueOf(earlier.get(k)));
            }
        }
        return previous;
    }

    private LocalizedText procedureName(Dossier d) {
        return catalog.byCode(d.procedureCode()).map(Procedure::name).orElse(null);
    }

    private static Map<String, Object> attributes(Dossier d) {
        return d.attributes() == null ? Map.of() : d.attributes();
    }

    private static Instant instant(Object v) {
        if (v instanceof Instant i) return i;
        if (v instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** For reports: office time as hours with one decimal. */
    static double hours(Duration d) {
        return Math.round(d.toMinutes() / 6.0) / 10.0;
    }
}
