package vn.dvc.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.dossier.IdempotencyRecord;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.Language;
import vn.dvc.core.text.LocalizedText;

/** The notifier's rules with in-memory ports: once per chosen channel, fallback, retry, exhaustion, agency notice, formats. */
class NotifierTest {
    static final Instant AT = Instant.parse("2026-11-23T02:00:00Z");
    static final String CODE = "X00004.UBND-261123-0001";

    /** Delivery records in a map, with the same conditional rules as the DynamoDB adapter. */
    static final class MemoryLog implements DeliveryLog {
        final Map<String, DeliveryRecord> records = new HashMap<>();

        static String key(String code, String id, ChannelKind channel) {
            return code + "#" + id + "#" + channel;
        }

        @Override
        public Optional<DeliveryRecord> find(String code, String id, ChannelKind channel) {
            return Optional.ofNullable(records.get(key(code, id, channel)));
        }

        @Override
        public boolean claim(String code, String id, ChannelKind channel, String event, Instant now, Instant leaseUntil) {
            DeliveryRecord r = records.get(key(code, id, channel));
            boolean free = r == null || r.state() == DeliveryState.FAILED_TEMPORARY
                    || (r.state() == DeliveryState.QUEUED && r.leaseUntil().isBefore(now));
            if (!free) {
                return false;
            }
            records.put(key(code, id, channel), new DeliveryRecord(code, id, channel, event, DeliveryState.QUEUED,
                    (r == null ? 0 : r.attempts()) + 1, null, null, now, leaseUntil));
            return true;
        }

        @Override
        public void finish(String code, String id, ChannelKind channel, DeliveryState state, String reason, String providerId, Instant now) {
            DeliveryRecord r = records.get(key(code, id, channel));
            if (r != null && r.state() == DeliveryState.QUEUED) {
                records.put(key(code, id, channel), new DeliveryRecord(code, id, channel, r.event(), state, r.attempts(), reason,
                        providerId, now, null));
            }
        }

        @Override
        public List<DeliveryRecord> all(String code) {
            return List.copyOf(records.values());
        }
    }

    /** A channel that answers what it is told to and remembers what it sent. */
    static final class ScriptedChannel implements NotificationChannel {
        final ChannelKind kind;
        final List<DeliveryResult> script = new ArrayList<>();
        final List<OutgoingMessage> sent = new ArrayList<>();

        ScriptedChannel(ChannelKind kind, DeliveryResult... answers) {
            this.kind = kind;
            script.addAll(List.of(answers));
        }

        @Override
        public ChannelKind kind() {
            return kind;
        }

        @Override
        public DeliveryResult send(OutgoingMessage message) {
            DeliveryResult r = script.isEmpty() ? DeliveryResult.sent("p-" + sent.size()) : script.remove(0);
            if (r.outcome() == DeliveryResult.Outcome.SENT) {
                sent.add(message);
            }
            return r;
        }
    }

    static final class MemoryInbox implements AgencyInbox {
        final Map<String, AgencyNotice> notices = new HashMap<>();

        @Override
        public boolean post(AgencyNotice notice) {
            return notices.putIfAbsent(notice.agencyId() + "#" + notice.noticeId(), notice) == null;
        }

        @Override
        public List<AgencyNotice> recent(String agencyId, int limit) {
            return List.copyOf(notices.values());
        }
    }

    static final class OneDossier implements DossierStore {
        Dossier dossier;
        List<HistoryEvent> history = new ArrayList<>();

        OneDossier(Dossier dossier) {
            this.dossier = dossier;
        }

        public Optional<Dossier> find(String code) {
            return Optional.ofNullable(dossier).filter(d -> d.code().equals(code));
        }

        public List<Component> components(String code) {
            return List.of();
        }

        public List<HistoryEvent> history(String code) {
            return history;
        }

        public long lastSequence(String agencyId, LocalDate day) {
            throw new UnsupportedOperationException();
        }

        public void create(Dossier d, List<Component> c, HistoryEvent e, long p, IdempotencyRecord i) {
            throw new UnsupportedOperationException();
        }

        public Optional<IdempotencyRecord> idempotency(String key) {
            return Optional.empty();
        }

        public void apply(Change change) {
            throw new UnsupportedOperationException();
        }

        public Page<Dossier> byApplicant(String key, int limit, String cursor) {
            throw new UnsupportedOperationException();
        }
    }

    static Dossier dossier(DossierStatus status, long version, String phone, String email, Map<String, Object> attributes) {
        return new Dossier(CODE, "1.001456", 1, status, version, "T01.CA", "00004", "01", Channel.ONLINE,
                new Applicant("001090000001", "Nguyễn Văn <An>", LocalDate.of(1990, 5, 12), phone, email), "key",
                new Actor(Role.CITIZEN, "c", null), AT, AT, null, Map.of(), attributes);
    }

    final MemoryLog log = new MemoryLog();
    final MemoryInbox inbox = new MemoryInbox();

    Notifier notifier(Dossier d, NotificationChannel... channels) {
        return new Notifier(new OneDossier(d), log, inbox, List.of(channels), ProcedureCatalog.bundled(),
                Clock.fixed(AT, ZoneOffset.UTC));
    }

    @Test
    void eachChosenChannelOnceHoweverOftenTheRequestComes() {
        var sms = new ScriptedChannel(ChannelKind.SMS);
        var email = new ScriptedChannel(ChannelKind.EMAIL);
        Notifier n = notifier(dossier(DossierStatus.RECEIVED, 1, "0912345678", "an@example.org",
                Map.of("notification", Map.of("channels", List.of("EMAIL", "SMS")))), sms, email);
        assertEquals(Notifier.Outcome.SENT, n.notify(CODE, 1, DossierStatus.RECEIVED, AT));
        for (int i = 0; i < 5; i++) {
            assertEquals(Notifier.Outcome.ALREADY_SENT, n.notify(CODE, 1, DossierStatus.RECEIVED, AT));
        }
        assertEquals(1, sms.sent.size());
        assertEquals(1, email.sent.size());
        assertEquals("+84912345678", sms.sent.get(0).address());
        assertEquals(Notifier.Outcome.NOT_NOTIFIED, n.notify(CODE, 1, DossierStatus.VALIDATED, AT), "internal step");
    }

    @Test
    void withoutAChoiceTheFirstContactIsChosenAndTheOthersAreFallbacks() {
        var sms = new ScriptedChannel(ChannelKind.SMS, DeliveryResult.permanent("RECIPIENT_UNKNOWN"));
        var email = new ScriptedChannel(ChannelKind.EMAIL);
        Notifier n = notifier(dossier(DossierStatus.RECEIVED, 1, "0912345678", "an@example.org", Map.of()), sms, email);
        assertEquals(Notifier.Outcome.SENT, n.notify(CODE, 1, DossierStatus.RECEIVED, AT));
        assertEquals(0, sms.sent.size());
        assertEquals(1, email.sent.size());
        assertEquals(DeliveryState.FAILED_PERMANENT, log.find(CODE, "00000001-RECEIVED", ChannelKind.SMS).orElseThrow().state());
        assertEquals(Notifier.Outcome.ALREADY_SENT, n.notify(CODE, 1, DossierStatus.RECEIVED, AT), "the same path again");
        assertEquals(1, email.sent.size());
    }

    @Test
    void temporaryFailuresRetryTheRequestAndExhaustionFallsBack() {
        var sms = new ScriptedChannel(ChannelKind.SMS, DeliveryResult.temporary("THROTTLED"), DeliveryResult.temporary("THROTTLED"));
        var email = new ScriptedChannel(ChannelKind.EMAIL);
        Notifier n = notifier(dossier(DossierStatus.RECEIVED, 1, "0912345678", "an@example.org", Map.of()), sms, email);
        DeliveryRetryException e = assertThrows(DeliveryRetryException.class, () -> n.notify(CODE, 1, DossierStatus.RECEIVED, AT));
        assertEquals("THROTTLED", e.reason());
        assertEquals(DeliveryState.FAILED_TEMPORARY, log.find(CODE, "00000001-RECEIVED", ChannelKind.SMS).orElseThrow().state());
        assertEquals(Notifier.Outcome.SENT, n.notify(CODE, 1, DossierStatus.RECEIVED, AT, true), "the last receive falls back");
        DeliveryRecord r = log.find(CODE, "00000001-RECEIVED", ChannelKind.SMS).orElseThrow();
        assertEquals(DeliveryState.FAILED_PERMANENT, r.state());
        assertEquals("EXHAUSTED:THROTTLED", r.reason());
        assertEquals(2, r.attempts());
        assertEquals(1, email.sent.size());
    }

    @Test
    void aClaimHeldByAnotherAttemptMeansRetryNotASecondSend() {
        var sms = new ScriptedChannel(ChannelKind.SMS);
        Notifier n = notifier(dossier(DossierStatus.RECEIVED, 1, "0912345678", null, Map.of()), sms);
        assertTrue(log.claim(CODE, "00000001-RECEIVED", ChannelKind.SMS, "RECEIVED", AT, AT.plusSeconds(120)));
        DeliveryRetryException e = assertThrows(DeliveryRetryException.class, () -> n.notify(CODE, 1, DossierStatus.RECEIVED, AT));
        assertEquals("IN_FLIGHT", e.reason());
        assertEquals(121, e.notBefore().toSeconds(), "come back when the other attempt's lease has run out");
        assertEquals(0, sms.sent.size());
    }

    @Test
    void noChannelIsUndeliverableAndBogusRequestsAreTold() {
        Notifier n = notifier(dossier(DossierStatus.RECEIVED, 1, "12", null, Map.of()), new ScriptedChannel(ChannelKind.SMS));
        assertEquals(Notifier.Outcome.UNDELIVERABLE, n.notify(CODE, 1, DossierStatus.RECEIVED, AT));
        assertEquals(Notifier.Outcome.VERSION_AHEAD, n.notify(CODE, 7, DossierStatus.RECEIVED, AT));
        assertEquals(Notifier.Outcome.NOT_FOUND, n.notify("X00004.UBND-261123-0002", 1, DossierStatus.RECEIVED, AT));
    }

    @Test
    void acceptanceTellsTheAgencyOnceAndStatesTheDueDateAndFeeForVietnam() {
        var sms = new ScriptedChannel(ChannelKind.SMS);
        Map<String, Object> attributes = Map.of("feeTotal", 200_000L);
        Notifier n = notifier(dossier(DossierStatus.ACCEPTED, 6, "0912345678", null, attributes), sms);
        n.notify(CODE, 6, DossierStatus.ACCEPTED, AT);
        n.notify(CODE, 6, DossierStatus.ACCEPTED, AT);
        assertEquals(1, inbox.notices.size());
        AgencyNotice notice = inbox.notices.values().iterator().next();
        assertEquals(AgencyNotice.Kind.DOSSIER_ARRIVED, notice.kind());
        assertFalse(notice.text().vi().contains("Nguyễn"), "no personal data in the agency's notice");
        String text = sms.sent.get(0).text();
        // accepted Monday 23/11/2026 09:00 (UTC+7), a procedure of working days: the date is a later working day
        assertTrue(text.matches("Hồ sơ " + CODE.replace(".", "\\.") + " \\(.*\\) đã được tiếp nhận giải quyết ngày 23/11/2026\\. "
                + "Ngày hẹn trả kết quả: \\d{2}/\\d{2}/2026\\."), text);

        Notifier fee = notifier(dossier(DossierStatus.AWAITING_PAYMENT, 5, "0912345678", null, attributes), sms);
        fee.notify(CODE, 5, DossierStatus.AWAITING_PAYMENT, AT);
        assertTrue(sms.sent.get(1).text().contains("200.000 đ"), sms.sent.get(1).text());
    }

    @Test
    void englishWhenChosenAndTheOfficialsReasonQuoted() {
        var email = new ScriptedChannel(ChannelKind.EMAIL);
        Map<String, Object> attributes = Map.of("notification", Map.of("channels", List.of("EMAIL"), "language", "en"),
                "supplementRequest", Map.of("reasons", List.of(Map.of("component", "x",
                        "reason", Map.of("vi", "Thiếu chữ ký <script>", "en", "Signature missing <script>")))));
        Notifier n = notifier(dossier(DossierStatus.SUPPLEMENT_REQUESTED, 9, null, "an@example.org", attributes), email);
        n.notify(CODE, 9, DossierStatus.SUPPLEMENT_REQUESTED, AT);
        OutgoingMessage m = email.sent.get(0);
        assertEquals(Language.EN, m.language());
        assertEquals("Supplement requested for dossier " + CODE, m.subject());
        assertTrue(m.text().contains("Signature missing <script>"), m.text());
        assertTrue(m.html().contains("Signature missing &lt;script&gt;"), m.html());
        assertTrue(m.html().contains("Dear Nguyễn Văn &lt;An&gt;,"), m.html());
        assertFalse(m.html().contains("<script>"));
    }

    @Test
    void vietnameseFormats() {
        assertEquals("23/11/2026", VietnamFormat.date(Instant.parse("2026-11-22T17:00:00Z")), "midnight in Hanoi");
        assertEquals("22/11/2026", VietnamFormat.date(Instant.parse("2026-11-22T16:59:59Z")));
        assertEquals("10.000 đ", VietnamFormat.money(10_000, Language.VI));
        assertEquals("1.234.567 đ", VietnamFormat.money(1_234_567, Language.VI));
        assertEquals("0 đ", VietnamFormat.money(0, Language.VI));
        assertEquals("200,000 VND", VietnamFormat.money(200_000, Language.EN));
        assertEquals("a b c", VietnamFormat.plain("a\r\n b\u0000\u200Bc"));
    }

    @Test
    void aValueThatLooksLikeAPlaceholderStaysAsTyped() {
        TemplateData data = new TemplateData(CODE, LocalizedText.of("{date}", "{date}"), AT, null, null, null, null);
        var rendered = NotificationTemplates.render(NotificationEvent.RECEIVED, Language.VI, data);
        assertTrue(rendered.text().contains("({date})"), rendered.text());
        assertTrue(rendered.text().contains("ngày 23/11/2026"), rendered.text());
    }

    @Test
    void preferences() {
        ContactPreferences none = ContactPreferences.of(dossier(DossierStatus.RECEIVED, 1, "+84 912 345 678", "an@example.org", Map.of()));
        assertEquals(List.of(ChannelKind.SMS), none.chosen());
        assertEquals(List.of(ChannelKind.EMAIL), none.fallback());
        ContactPreferences both = ContactPreferences.of(dossier(DossierStatus.RECEIVED, 1, "0912345678", "an@example.org",
                Map.of("notification", Map.of("channels", List.of("sms", "EMAIL", "FAX"), "fallback", List.of()))));
        assertEquals(List.of(ChannelKind.SMS, ChannelKind.EMAIL), both.chosen());
        assertEquals(List.of(), both.fallback());
        assertFalse(both.toString().contains("0912345678"), "addresses are redacted");
        assertEquals(null, ContactPreferences.e164("12345"));
        assertEquals("+84912345678", ContactPreferences.e164("84912345678"));
    }
}
