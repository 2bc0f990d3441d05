package vn.dvc.core.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.processing.Acceptance;
import vn.dvc.core.text.LocalizedText;

/**
 * Tells the citizen (and, when a dossier arrives, its agency) about one committed status change.
 *
 * <p>Exactly once in effect: the notification id is derived from (dossier code, version, event), and each channel's
 * delivery record is claimed conditionally (QUEUED with a lease) before the send and finished after it, so a
 * redelivered request or a duplicated stream record finds SENT and sends nothing. Channels are tried in the
 * citizen's order: a permanent failure falls back to the next one, a temporary failure asks for a retry
 * ({@link DeliveryRetryException}). A crash between the send and the SENT record can repeat that one send after
 * the lease expires: the provider call is the one step no database write can make atomic.
 */
public final class Notifier {
    /**
     * How long a claimed send may take before another attempt may take over: longer than the function's timeout
     * (15 s), so a live attempt is never overtaken, yet short enough that a crashed one is retried well before the
     * queue's last receive.
     */
    static final Duration LEASE = Duration.ofSeconds(30);

    public enum Outcome { SENT, ALREADY_SENT, UNDELIVERABLE, NOT_NOTIFIED, NOT_FOUND, VERSION_AHEAD }

    private final DossierStore store;
    private final DeliveryLog log;
    private final AgencyInbox inbox;
    private final Map<ChannelKind, NotificationChannel> channels;
    private final ProcedureCatalog catalog;
    private final Clock clock;

    public Notifier(DossierStore store, DeliveryLog log, AgencyInbox inbox, List<NotificationChannel> channels,
                    ProcedureCatalog catalog, Clock clock) {
        this.store = store;
        this.log = log;
        this.inbox = inbox;
        this.channels = new java.util.EnumMap<>(ChannelKind.class);
        channels.forEach(c -> this.channels.put(c.kind(), c));
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The id of the notification for one change: deterministic, sortable by version within the dossier. */
    public static String notificationId(long version, NotificationEvent event) {
        return String.format("%08d-%s", version, event.name());
    }

    /**
     * @param version the dossier version the change produced
     * @param at      when the change was committed (the date the message states)
     * @throws DeliveryRetryException a channel failed temporarily or another attempt is sending right now
     */
    public Outcome notify(String code, long version, DossierStatus status, Instant at) {
        Optional<NotificationEvent> event = NotificationEvent.forStatus(status);
        if (event.isEmpty()) {
            return Outcome.NOT_NOTIFIED;
        }
        return notify(code, version, event.get(), at, false);
    }

    public Outcome notify(String code, long version, DossierStatus status, Instant at, boolean lastAttempt) {
        Optional<NotificationEvent> event = NotificationEvent.forStatus(status);
        return event.isEmpty() ? Outcome.NOT_NOTIFIED : notify(code, version, event.get(), at, lastAttempt);
    }

    public Outcome notify(String code, long version, NotificationEvent event, Instant at) {
        return notify(code, version, event, at, false);
    }

    /**
     * @param lastAttempt the queue will not deliver this request again: a temporary failure now counts as permanent
     *                    (recorded as {@code EXHAUSTED:<reason>}) so the next allowed channel gets its chance
     */
    public Outcome notify(String code, long version, NotificationEvent event, Instant at, boolean lastAttempt) {
        Optional<Dossier> found = store.find(code);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        Dossier dossier = found.get();
        if (version > dossier.version()) {
            return Outcome.VERSION_AHEAD; // a committed change is never ahead of a consistent read: the request is bogus
        }
        String id = notificationId(version, event);
        Procedure procedure = catalog.byCode(dossier.procedureCode()).orElse(null);
        ContactPreferences preferences = ContactPreferences.of(dossier);
        Instant when = at == null ? dossier.updatedAt() : at;
        TemplateData data = new TemplateData(code, procedure == null ? null : procedure.name(), when,
                dueDateFor(event, dossier, procedure, when), feeTotal(dossier), reason(event, dossier), dossier.applicant() == null ? null : dossier.applicant().fullName());
        if (event == NotificationEvent.ACCEPTED && dossier.agencyId() != null) {
            inbox.post(AgencyNotice.arrived(dossier.agencyId(), id, dossier.procedureCode(), data));
        }
        NotificationTemplates.Rendered rendered = NotificationTemplates.render(event, preferences.language(), data);
        // Each chosen channel gets the notification once; when one fails permanently, the next allowed channel not
        // used yet stands in for it. The order is deterministic, so a retried request walks the same path and
        // finds its earlier records (SENT: skip, FAILED_PERMANENT: on to the same fallback).
        List<ChannelKind> spare = new ArrayList<>(preferences.fallback());
        boolean sent = false;
        boolean alreadySent = false;
        boolean undelivered = preferences.chosen().isEmpty();
        DeliveryRetryException retry = null;
        for (ChannelKind chosen : preferences.chosen()) {
            ChannelKind kind = chosen;
            while (kind != null) {
                Attempt attempt;
                try {
                    attempt = attempt(code, id, event, kind, preferences, rendered, lastAttempt);
                } catch (DeliveryRetryException e) {
                    retry = retry == null ? e : retry; // the other chosen channels still go out now
                    break;
                }
                if (attempt == Attempt.SENT) {
                    sent = true;
                } else if (attempt == Attempt.ALREADY_SENT) {
                    alreadySent = true;
                }
                if (attempt != Attempt.FAILED_PERMANENT) {
                    break;
                }
                kind = spare.isEmpty() ? null : spare.remove(0);
                undelivered |= kind == null;
            }
        }
        if (retry != null) {
            throw retry;
        }
        return sent ? Outcome.SENT : undelivered ? Outcome.UNDELIVERABLE : alreadySent ? Outcome.ALREADY_SENT : Outcome.UNDELIVERABLE;
    }

    private enum Attempt { SENT, ALREADY_SENT, FAILED_PERMANENT }

    /** One channel's delivery of one notification, claimed in the log so it happens once. */
    private Attempt attempt(String code, String id, NotificationEvent event, ChannelKind kind, ContactPreferences preferences,
                            NotificationTemplates.Rendered rendered, boolean lastAttempt) {
        NotificationChannel channel = channels.get(kind);
        if (channel == null) {
            return Attempt.FAILED_PERMANENT; // not deployed here: as if it refused
        }
        // Claim first, read only when that fails: the usual first delivery costs one conditional write, not a read too.
        Instant now = clock.instant();
        if (!log.claim(code, id, kind, event.name(), now, now.plus(LEASE))) {
            Optional<DeliveryRecord> record = log.find(code, id, kind);
            DeliveryState state = record.map(DeliveryRecord::state).orElse(DeliveryState.QUEUED);
            if (state == DeliveryState.SENT) {
                return Attempt.ALREADY_SENT;
            }
            if (state == DeliveryState.FAILED_PERMANENT) {
                return Attempt.FAILED_PERMANENT;
            }
            // another attempt holds the claim (or crashed holding it): come back when its lease has run out
            Instant leaseUntil = record.map(DeliveryRecord::leaseUntil).orElse(null);
            throw new DeliveryRetryException("IN_FLIGHT",
                    leaseUntil == null ? Duration.ZERO : Duration.between(now, leaseUntil).plusSeconds(1));
        }
        OutgoingMessage message = new OutgoingMessage(id, code, event.name(), kind, preferences.addresses().get(kind),
                preferences.language(), rendered.subject(), rendered.text(), rendered.html());
        DeliveryResult result = send(channel, message);
        switch (result.outcome()) {
            case SENT -> {
                log.finish(code, id, kind, DeliveryState.SENT, null, result.providerId(), clock.instant());
                return Attempt.SENT;
            }
            case TEMPORARY_FAILURE -> {
                if (lastAttempt) {
                    log.finish(code, id, kind, DeliveryState.FAILED_PERMANENT, "EXHAUSTED:" + result.reason(), null, clock.instant());
                    return Attempt.FAILED_PERMANENT;
                }
                log.finish(code, id, kind, DeliveryState.FAILED_TEMPORARY, result.reason(), null, clock.instant());
                throw new DeliveryRetryException(result.reason());
            }
            default -> {
                log.finish(code, id, kind, DeliveryState.FAILED_PERMANENT, result.reason(), null, clock.instant());
                return Attempt.FAILED_PERMANENT;
            }
        }
    }

    private static DeliveryResult send(NotificationChannel channel, OutgoingMessage message) {
        try {
            DeliveryResult result = channel.send(message);
            return result == null ? DeliveryResult.temporary("NO_ANSWER") : result;
        } catch (RuntimeException e) {
            return DeliveryResult.temporary("CHANNEL_ERROR:" + e.getClass().getSimpleName());
        }
    }

    /**
     * The appointment date to state: the stored one. Acceptance writes it in the same change (fee step, payment);
     * should a dossier ever be ACCEPTED without one (older data: the processing step then stores it when an official
     * takes it), the ACCEPTED notice computes it by the same rule ({@link Acceptance#deadline}) from the change's
     * time rather than say "to be announced".
     */
    private static volatile Acceptance acceptance;

    private static Instant acceptedDueAt(NotificationEvent event, Dossier dossier, Procedure procedure, Instant acceptedAt) {
        if (dossier.dueAt() != null || event != NotificationEvent.ACCEPTED || procedure == null || acceptedAt == null) {
            return dossier.dueAt();
        }
        try {
            if (acceptance == null) {
                acceptance = Acceptance.standard(); // loads the calendar once per container
            }
            var deadline = acceptance.deadline(procedure, acceptedAt);
            return deadline == null ? null : deadline.due(); // unknown processing time: "to be announced"
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- monitoring (issue 8): the apology slip's {dueDate} is the NEW appointment the SLA monitor set
    static Instant dueDateFor(NotificationEvent event, Dossier dossier, Procedure procedure, Instant when) {
        if ((event == NotificationEvent.OVERDUE || event == NotificationEvent.RESCHEDULED) && dossier.attributes() != null
                && dossier.attributes().get("apology") instanceof Map<?, ?> apology && apology.get("newDueAt") != null) {
            try {
                return Instant.parse(apology.get("newDueAt").toString());
            } catch (RuntimeException e) {
                return dossier.dueAt();
            }
        }
        return acceptedDueAt(event, dossier, procedure, when);
    }

    private static Long feeTotal(Dossier dossier) {
        Object fee = dossier.attributes() == null ? null : dossier.attributes().get("feeTotal");
        return fee instanceof Number n ? n.longValue() : null;
    }

    /** The reason to quote: the official's supplement request, else the reason of the history event that made this status. */
    private LocalizedText reason(NotificationEvent event, Dossier dossier) {
        // issue 8: the agency's reason for its new appointment date is on the apology slip
        if (event == NotificationEvent.RESCHEDULED) {
            return dossier.attributes() != null && dossier.attributes().get("apology") instanceof Map<?, ?> apology
                    && apology.get("reason") instanceof Map<?, ?> r && r.get("vi") != null
                    ? LocalizedText.of(String.valueOf(r.get("vi")), String.valueOf(r.get("en") != null ? r.get("en") : r.get("vi")))
                    : null;
        }
        if (event != NotificationEvent.NEEDS_SUPPLEMENT && event != NotificationEvent.SUPPLEMENT_REQUESTED
                && event != NotificationEvent.REFUSED) {
            return null;
        }
        if (event == NotificationEvent.SUPPLEMENT_REQUESTED && dossier.attributes() != null
                && dossier.attributes().get("supplementRequest") instanceof Map<?, ?> request
                && request.get("reasons") instanceof List<?> reasons && !reasons.isEmpty()) {
            List<String> vi = new ArrayList<>();
            List<String> en = new ArrayList<>();
            for (Object r : reasons) {
                if (r instanceof Map<?, ?> m && m.get("reason") instanceof Map<?, ?> text) {
                    vi.add(String.valueOf(text.get("vi")));
                    en.add(String.valueOf(text.get("en")));
                }
            }
            if (!vi.isEmpty()) {
                return LocalizedText.of(String.join("; ", vi), String.join("; ", en));
            }
        }
        List<HistoryEvent> history = store.history(dossier.code());
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEvent e = history.get(i);
            if (e.to() != null && e.to().name().equals(event.name()) && e.from() != e.to()) {
                return missingComponents(e) != null ? missingComponents(e) : e.reason();
            }
        }
        return null;
    }

    /** Validation lists what is missing in its event's details: quote those reasons rather than the summary. */
    private static LocalizedText missingComponents(HistoryEvent e) {
        if (e.details() == null || !(e.details().get("missing") instanceof List<?> missing) || missing.isEmpty()) {
            return null;
        }
        List<String> vi = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Object m : missing) {
            if (m instanceof Map<?, ?> reason && reason.get("reason") instanceof Map<?, ?> text) {
                vi.add(String.valueOf(text.get("vi")));
                en.add(String.valueOf(text.get("en")));
            }
        }
        return vi.isEmpty() ? null : LocalizedText.of(String.join("; ", vi), String.join("; ", en));
    }
}
