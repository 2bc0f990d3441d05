package vn.dvc.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dvc.core.agency.Agencies;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;
import vn.dvc.core.units.AdministrativeUnits;

/** Rates, early-warning levels, ranking, which counters a change moves, and who may read which scope. */
class StatsRulesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final AdministrativeUnits UNITS = AdministrativeUnits.get();
    static final Agencies AGENCIES = Agencies.generate(UNITS, TODAY);

    static Indicators counts(long completed, long onTime, long overdueNow, long dueSoon) {
        Indicators i = Indicators.of(Map.of("completed", completed, "completedOnTime", onTime, "completedLate", completed - onTime));
        i.addOverdueNow(overdueNow);
        i.addDueSoon(dueSoon);
        return i;
    }

    @Test
    void ratesAreNullWithoutABase() {
        Indicators i = Indicators.of(Map.of("received", 8L, "online", 6L, "completed", 3L, "completedOnTime", 2L,
                "ratingCount", 4L, "ratingSum", 17L));
        assertEquals(0.6667, i.onTimeRate());
        assertEquals(0.75, i.onlineRate());
        assertEquals(4.25, i.satisfaction());
        Indicators empty = new Indicators();
        assertNull(empty.onTimeRate());
        assertNull(empty.onlineRate());
        assertNull(empty.satisfaction());
        assertEquals(16, empty.add(i).add(i).get("received"));
    }

    @Test
    void warningLevels() {
        EarlyWarning w = EarlyWarning.STANDARD;
        assertEquals(EarlyWarning.Level.ALERT, w.levelOf(counts(10, 8, 1, 0)), "overdue and 80% on time");
        assertEquals(EarlyWarning.Level.ALERT, w.levelOf(counts(0, 0, 2, 0)), "overdue and nothing completed");
        assertEquals(EarlyWarning.Level.WATCH, w.levelOf(counts(10, 9, 1, 0)), "overdue but 90% on time");
        assertEquals(EarlyWarning.Level.WATCH, w.levelOf(counts(100, 94, 0, 0)), "under 95%");
        assertEquals(EarlyWarning.Level.WATCH, w.levelOf(counts(10, 10, 0, 1)), "due soon");
        assertEquals(EarlyWarning.Level.NONE, w.levelOf(counts(100, 95, 0, 0)));
        assertEquals(EarlyWarning.Level.NONE, w.levelOf(counts(0, 0, 0, 0)));
        EarlyWarning strict = new EarlyWarning(0.99, 0.999);
        assertEquals(EarlyWarning.Level.ALERT, strict.levelOf(counts(100, 98, 1, 0)));
        assertThrows(IllegalArgumentException.class, () -> new EarlyWarning(0.96, 0.95));
    }

    @Test
    void rankingWorstFirstNullsLastThenMoreOverdue() {
        List<EarlyWarning.Row> ranked = EarlyWarning.rank(List.of(
                new EarlyWarning.Row("A", "a", counts(10, 10, 0, 0)),
                new EarlyWarning.Row("B", "b", counts(0, 0, 3, 0)),
                new EarlyWarning.Row("C", "c", counts(10, 5, 1, 0)),
                new EarlyWarning.Row("D", "d", counts(10, 5, 4, 0)),
                new EarlyWarning.Row("E", "e", counts(0, 0, 9, 0))));
        assertEquals(List.of("D", "C", "A", "E", "B"), ranked.stream().map(EarlyWarning.Row::key).toList());
    }

    static Dossier dossier(Channel channel, Role filer, Instant due, Map<String, Object> attributes) {
        Instant t = Instant.parse("2026-11-20T02:00:00Z");
        return new Dossier("X00004.UBND-261120-0001", "1.001193", 1, DossierStatus.COMPLETED, 9, "X00004.UBND", "00004", "01",
                channel, null, "k", new Actor(filer, "u", null), t, t, due, Map.of(), attributes);
    }

    @Test
    void countingAChange() {
        Instant due = Instant.parse("2026-11-20T10:00:00Z");
        var filed = StatsCounting.statusChanged(dossier(Channel.ONLINE, Role.CITIZEN, null, Map.of()), null,
                DossierStatus.RECEIVED, 1, Instant.parse("2026-11-19T17:30:00Z")).orElseThrow();
        assertEquals(Map.of("received", 1L, "online", 1L), filed.increments());
        assertEquals(LocalDate.of(2026, 11, 20), filed.day(), "00:30 in Vietnam is the next day");
        assertEquals("X00004.UBND-261120-0001#1#STATUS", filed.dedupeKey());
        assertEquals(14, filed.targets().size());
        assertEquals(Map.of("received", 1L, "assisted", 1L), StatsCounting.statusChanged(
                dossier(Channel.ONLINE, Role.ASSISTANT, null, Map.of()), null, DossierStatus.RECEIVED, 1, due).orElseThrow().increments());
        assertEquals(Map.of("received", 1L, "counter", 1L), StatsCounting.statusChanged(
                dossier(Channel.COUNTER, Role.OFFICIAL, null, Map.of()), null, DossierStatus.RECEIVED, 1, due).orElseThrow().increments());
        var late = StatsCounting.statusChanged(dossier(Channel.ONLINE, Role.CITIZEN, due,
                Map.of("completedAt", "2026-11-20T10:00:01Z", "result", Map.of("sha256", "00"))), DossierStatus.RESULT_ISSUED,
                DossierStatus.COMPLETED, 9, due).orElseThrow();
        assertEquals(Map.of("completed", 1L, "completedLate", 1L, "digitisedResults", 1L), late.increments());
        var onTime = StatsCounting.statusChanged(dossier(Channel.ONLINE, Role.CITIZEN, due,
                Map.of("completedAt", "2026-11-20T10:00:00Z")), DossierStatus.RESULT_ISSUED, DossierStatus.COMPLETED, 9, due).orElseThrow();
        assertEquals(Map.of("completed", 1L, "completedOnTime", 1L), onTime.increments());
        assertEquals(Map.of("accepted", 1L, "paidOnline", 1L), StatsCounting.statusChanged(dossier(Channel.ONLINE, Role.CITIZEN,
                due, Map.of("paidAmount", 8000L)), DossierStatus.AWAITING_PAYMENT, DossierStatus.ACCEPTED, 5, due).orElseThrow().increments());
        assertTrue(StatsCounting.statusChanged(dossier(Channel.ONLINE, Role.CITIZEN, due, Map.of()), DossierStatus.ACCEPTED,
                DossierStatus.IN_PROGRESS, 6, due).isEmpty(), "taking a dossier counts nothing");
        assertEquals(Map.of("ratingCount", 1L, "ratingSum", 4L), StatsCounting.rated(dossier(Channel.ONLINE, Role.CITIZEN, due,
                Map.of("ratingScore", 4L)), 10, due).orElseThrow().increments());
        assertEquals("X00004.UBND-261120-0001#11#OVERDUE", StatsCounting.overdue(dossier(Channel.ONLINE, Role.CITIZEN, due,
                Map.of()), 11, due).orElseThrow().dedupeKey());
    }

    static StatsQuery parse(Map<String, String> params, Caller caller) {
        return StatsQuery.parse(params, caller, TODAY, UNITS, AGENCIES);
    }

    static int status(Map<String, String> params, Caller caller) {
        try {
            parse(params, caller);
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void scopesAndAccess() {
        Caller supervisor = new Caller(Role.SUPERVISOR, "s", null, null, "01");
        Caller official = new Caller(Role.OFFICIAL, "o", null, "X00004.UBND", "01");
        Caller operator = new Caller(Role.OPERATOR, "op", null, null, null);
        assertEquals(StatsScope.Kind.PROVINCE, parse(Map.of(), supervisor).scope().kind());
        assertEquals("X00004.UBND", parse(Map.of(), official).scope().code());
        assertEquals(StatsScope.Kind.COUNTRY, parse(Map.of(), operator).scope().kind());
        assertEquals(200, status(Map.of("commune", "00004"), supervisor));
        assertEquals(200, status(Map.of("agency", "X00070.UBND"), supervisor));
        assertEquals(403, status(Map.of("province", "79"), supervisor));
        assertEquals(403, status(Map.of("agency", "X00070.UBND"), official));
        assertEquals(403, status(Map.of("province", "01"), official));
        assertEquals(403, status(Map.of(), new Caller(Role.CITIZEN, "c", "001090000001", null, null)));
        assertEquals(403, status(Map.of(), new Caller(Role.ASSISTANT, "a", null, "X00004.UBND", "01")));
        assertEquals(400, status(Map.of("province", "01", "agency", "X00004.UBND"), operator));
        assertEquals(400, status(Map.of("from", "2026-13-01"), operator));
        assertEquals(400, status(Map.of("from", "2026-11-24", "to", "2026-11-23"), operator));
        assertEquals(400, status(Map.of("from", "2025-11-01", "to", "2026-11-23"), operator), "more than 366 days");
        assertEquals(200, status(Map.of("from", "2025-11-22", "to", "2026-11-22"), operator), "exactly 366 days");
        assertEquals(400, status(Map.of("by", "month"), operator));
        assertEquals(400, status(Map.of("province", "1"), operator));
        assertEquals(404, status(Map.of("province", "99"), operator));
        assertEquals(404, status(Map.of("agency", "X99999.UBND"), operator));
        StatsQuery q = parse(Map.of(), operator);
        assertEquals(TODAY, q.from());
        assertEquals(TODAY, q.to());
        assertEquals(Dimension.AGENCY, q.by());
    }

    @Test
    void anOldProvinceCodeAnswersForTheNewProvince() {
        // find an old province that merged into another one, e.g. Hà Giang into Tuyên Quang
        var old = UNITS.oldProvinces().stream()
                .filter(p -> UNITS.province(p.code()).isEmpty()).findFirst().orElseThrow();
        StatsQuery q = parse(Map.of("province", old.code()), new Caller(Role.OPERATOR, "op", null, null, null));
        assertEquals(old.code(), q.scope().resolvedFrom());
        assertTrue(UNITS.province(q.scope().code()).isPresent());
    }
}
