package vn.dvc.core.stats;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import vn.dvc.core.agency.Agencies;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.sla.DueIndex;
import vn.dvc.core.units.AdministrativeUnits;

/**
 * Answers {@code GET /stats}: counters summed over the range from the {@link StatsStore}, the live "overdue now"
 * and "due soon" values from the {@link DueIndex}, and the rows ranked worst first with their early warning.
 */
public final class StatsService {
    /** Per province and stage, at most this many live index entries are read (the dashboard says "at least"). */
    static final int LIVE_LIMIT = 5000;

    private final StatsStore store;
    private final DueIndex due;
    private final AdministrativeUnits units;
    private final Agencies agencies;
    private final ProcedureCatalog catalog;
    private final EarlyWarning warning;
    private final Clock clock;

    public StatsService(StatsStore store, DueIndex due, AdministrativeUnits units, Agencies agencies,
                        ProcedureCatalog catalog, EarlyWarning warning, Clock clock) {
        this.store = store;
        this.due = due;
        this.units = units;
        this.agencies = agencies;
        this.catalog = catalog;
        this.warning = warning;
        this.clock = clock;
    }

    public Map<String, Object> answer(StatsQuery q) {
        StatsScope scope = q.scope();
        Map<LocalDate, Indicators> days = store.totalsByDay(scope.key(), q.from(), q.to());
        Indicators totals = new Indicators();
        days.values().forEach(totals::add);
        List<DueIndex.Entry> live = live(scope);
        for (DueIndex.Entry e : live) {
            count(totals, e);
        }
        List<EarlyWarning.Row> rows = new ArrayList<>();
        if (q.by() == Dimension.DAY) {
            for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
                rows.add(new EarlyWarning.Row(d.toString(), d.toString(), days.getOrDefault(d, new Indicators())));
            }
        } else if (q.by().name().equals(scope.kind().name())) {
            rows.add(new EarlyWarning.Row(scope.code(), scope.name(), totals)); // a unit broken down by its own kind
        } else {
            Map<String, Indicators> byKey = new TreeMap<>(store.rows(scope.key(), q.by(), q.from(), q.to()));
            Function<DueIndex.Entry, String> keyOf = switch (q.by()) {
                case AGENCY -> DueIndex.Entry::agencyId;
                case COMMUNE -> DueIndex.Entry::communeCode;
                default -> DueIndex.Entry::procedureCode;
            };
            for (DueIndex.Entry e : live) {
                count(byKey.computeIfAbsent(keyOf.apply(e), k -> new Indicators()), e);
            }
            List<EarlyWarning.Row> unranked = new ArrayList<>();
            byKey.forEach((k, v) -> unranked.add(new EarlyWarning.Row(k, nameOf(q.by(), k), v)));
            rows = EarlyWarning.rank(unranked);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", scope.kind().name().toLowerCase(java.util.Locale.ROOT));
        s.put("code", scope.code());
        s.put("name", scope.name());
        s.put("resolvedFrom", scope.resolvedFrom() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : scope.resolvedFrom());
        body.put("scope", s);
        body.put("from", q.from().toString());
        body.put("to", q.to().toString());
        body.put("by", q.by().wire());
        body.put("generatedAt", Instant.now(clock).toString());
        Map<String, Object> t = totals.toMap();
        t.put("warning", warning.levelOf(totals).name());
        body.put("totals", t);
        List<Map<String, Object>> out = new ArrayList<>();
        for (EarlyWarning.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", r.key());
            m.put("name", r.name());
            m.putAll(r.indicators().toMap());
            m.put("warning", warning.levelOf(r.indicators()).name());
            out.add(m);
        }
        body.put("rows", out);
        return body;
    }

    private static void count(Indicators i, DueIndex.Entry e) {
        if (e.stage().overdueNow()) {
            i.addOverdueNow(1);
        } else if (e.stage() == DueIndex.Stage.WARNED) {
            i.addDueSoon(1);
        }
    }

    /** The open dossiers flagged overdue or warned due soon, inside the scope (live, not summed over days). */
    private List<DueIndex.Entry> live(StatsScope scope) {
        List<String> provinces = scope.kind() == StatsScope.Kind.COUNTRY
                ? units.provinces().stream().map(p -> p.code()).toList() : List.of(scope.provinceCode());
        List<DueIndex.Entry> out = new ArrayList<>();
        for (String p : provinces) {
            for (DueIndex.Stage stage : List.of(DueIndex.Stage.WARNED, DueIndex.Stage.OVERDUE, DueIndex.Stage.RESCHEDULED,
                    DueIndex.Stage.RESCHEDULED_WARNED)) {
                for (DueIndex.Entry e : due.dueBefore(p, stage, null, LIVE_LIMIT)) {
                    boolean inside = switch (scope.kind()) {
                        case AGENCY -> scope.code().equals(e.agencyId());
                        case COMMUNE -> scope.code().equals(e.communeCode());
                        default -> true;
                    };
                    if (inside) out.add(e);
                }
            }
        }
        return out;
    }

    private String nameOf(Dimension by, String key) {
        return switch (by) {
            case AGENCY -> agencies.byId(key).map(a -> a.name().vi()).orElse(key);
            case COMMUNE -> units.commune(key).map(c -> c.fullName()).orElse(key);
            case PROCEDURE -> catalog.byCode(key).map(p -> p.name().vi()).orElse(key);
            case DAY -> key;
        };
    }
}
