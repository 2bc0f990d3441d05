package vn.dvc.core.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.security.Role;

/**
 * Which counters one committed dossier change moves. The stream router sends a message per change; this turns it
 * into a {@link StatsDelta} keyed by the change's identity (dossier code + version + kind), so counting twice is
 * impossible downstream.
 *
 * <ul>
 *   <li>filed (no previous status): received, and how: online / counter / assisted (filed by an assistant or
 *       through the post office)</li>
 *   <li>ACCEPTED: accepted, and paidOnline when a fee was paid through the payment gateway</li>
 *   <li>COMPLETED: completed, on time (handed over at or before the due date; no due date = on time) or late, and
 *       digitisedResults when an electronic signed result was issued</li>
 *   <li>REFUSED, WITHDRAWN: refused, withdrawn</li>
 *   <li>flagged overdue by the SLA monitor: becameOverdue; rated by the citizen: ratingCount and ratingSum</li>
 * </ul>
 */
public final class StatsCounting {
    public enum Kind { STATUS, OVERDUE, RATED }

    private StatsCounting() {}

    public static Optional<StatsDelta> statusChanged(Dossier d, DossierStatus from, DossierStatus to, long version, Instant at) {
        Map<String, Long> inc = new LinkedHashMap<>();
        if (from == null) {
            inc.put("received", 1L);
            inc.put(channelCounter(d), 1L);
        }
        if (to == DossierStatus.ACCEPTED) {
            inc.put("accepted", 1L);
            if (number(d, "paidAmount") > 0) {
                inc.put("paidOnline", 1L);
            }
        } else if (to == DossierStatus.COMPLETED) {
            inc.put("completed", 1L);
            Instant done = instant(d, "completedAt");
            if (done == null) done = at;
            boolean onTime = d.dueAt() == null || done == null || !done.isAfter(d.dueAt());
            inc.put(onTime ? "completedOnTime" : "completedLate", 1L);
            if (d.attributes() != null && d.attributes().get("result") != null) {
                inc.put("digitisedResults", 1L);
            }
        } else if (to == DossierStatus.REFUSED) {
            inc.put("refused", 1L);
        } else if (to == DossierStatus.WITHDRAWN) {
            inc.put("withdrawn", 1L);
        }
        return of(d, version, Kind.STATUS, at, inc);
    }

    public static Optional<StatsDelta> overdue(Dossier d, long version, Instant at) {
        return of(d, version, Kind.OVERDUE, at, Map.of("becameOverdue", 1L));
    }

    public static Optional<StatsDelta> rated(Dossier d, long version, Instant at) {
        long score = number(d, "ratingScore");
        if (score <= 0) {
            return Optional.empty();
        }
        Map<String, Long> inc = new LinkedHashMap<>();
        inc.put("ratingCount", 1L);
        inc.put("ratingSum", score);
        return of(d, version, Kind.RATED, at, inc);
    }

    /** online, counter or assisted: assisted filing (an assistant or the post office) counts as assisted. */
    public static String channelCounter(Dossier d) {
        if (d.channel() == Channel.POST || (d.submittedBy() != null && d.submittedBy().role() == Role.ASSISTANT)) {
            return "assisted";
        }
        return d.channel() == Channel.ONLINE ? "online" : "counter";
    }

    public static String dedupeKey(String code, long version, Kind kind) {
        return code + "#" + version + "#" + kind.name();
    }

    private static Optional<StatsDelta> of(Dossier d, long version, Kind kind, Instant at, Map<String, Long> inc) {
        if (inc.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = (at == null ? d.updatedAt() : at).atZone(WorkingDayCalendar.ZONE).toLocalDate();
        return Optional.of(new StatsDelta(dedupeKey(d.code(), version, kind), day, d.agencyId(), d.communeCode(),
                d.provinceCode(), d.procedureCode(), inc));
    }

    private static long number(Dossier d, String name) {
        Object v = d.attributes() == null ? null : d.attributes().get(name);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static Instant instant(Dossier d, String name) {
        Object v = d.attributes() == null ? null : d.attributes().get(name);
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
}
