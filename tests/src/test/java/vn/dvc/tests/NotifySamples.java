package vn.dvc.tests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.security.Role;
import vn.dvc.local.LocalSuite;

/**
 * Issue 7: the dossiers the sample events under {@code events/notifier/} and {@code events/status-api/} name, stored
 * once per test run so those samples exercise real paths (sent, temporary failure, permanent failure and fallback,
 * public look-up): {@code X00004.UBND-240102-0001} (phone ...5678, delivers), {@code -0002} (phone 0999 1..., the
 * outbox's "busy" number: fails temporarily), {@code -0003} (phone 0999 0..., "unknown recipient": falls back to
 * e-mail). Applicant 001090000077 (synthetic). The samples are the monitoring step's OVERDUE notices (not status
 * changes), so the stream's own RECEIVED notifications of these dossiers never race them for the same delivery record.
 */
final class NotifySamples {
    static final String AGENCY = "X00004.UBND";
    static final LocalDate DAY = LocalDate.of(2024, 1, 2);
    static final String APPLICANT = "001090000077";
    private static volatile boolean seeded;

    private NotifySamples() {}

    static synchronized void seed() {
        if (seeded) {
            return;
        }
        var suite = Suite.suite();
        var store = new DynamoDossierStore(suite.dynamo(), suite.names().tableName("DossierTable"));
        ApplicantKeys keys = new ApplicantKeys(LocalSuite.LOCAL_PARAMETERS.get("ApplicantKeySecret"));
        List<String> phones = List.of("0912345678", "0999112345", "0999012345");
        Instant at = Instant.parse("2024-01-02T02:00:00Z");
        for (int i = 0; i < phones.size(); i++) {
            String code = DossierCode.of(AGENCY, DAY, i + 1).toString();
            if (store.find(code).isPresent()) {
                continue;
            }
            Actor filer = new Actor(Role.CITIZEN, "citizen-sample-77", null);
            Dossier d = new Dossier(code, "1.001193", 1, DossierStatus.RECEIVED, 1, AGENCY, "00004", "01", Channel.ONLINE,
                    new Applicant(APPLICANT, "Nguyễn Văn An", LocalDate.of(1990, 5, 12), phones.get(i), "an.sample@example.org"),
                    keys.keyOf(APPLICANT), filer, at, at, Instant.parse("2024-01-09T10:00:00Z"), Map.of(), Map.of());
            store.create(d, List.of(), HistoryEvent.of(at, filer, "FILED", null, DossierStatus.RECEIVED), store.lastSequence(AGENCY, DAY), null);
        }
        seeded = true;
    }
}
