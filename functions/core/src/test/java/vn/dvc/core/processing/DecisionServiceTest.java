package vn.dvc.core.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dvc.core.processing.ProcessingFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dvc.core.documents.DocumentObjects;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.intake.UploadUrls;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Caller;
import vn.dvc.core.security.Role;

class DecisionServiceTest {
    static final String CODE = "X00004.UBND-251006-0001";
    static final Caller OFFICIAL = new Caller(Role.OFFICIAL, "official-1", null, "X00004.UBND", "01");

    final InMemoryDossierStore store = new InMemoryDossierStore();
    final MutableClock clock = new MutableClock(vn("2025-10-06T09:00"));
    final List<String> denied = new ArrayList<>();
    final UploadUrls urls = (key, type, max, validity) -> new UploadUrls.UploadUrl("https://s3.test/" + key, "PUT", type, max,
            Instant.EPOCH.plus(validity));
    final DecisionService service = new DecisionService(store, catalog(), Acceptance.standard(), urls,
            (code, actor, action, reason, at) -> denied.add(code + " " + actor.agencyId() + " " + action), clock);

    static JsonNode body(Object map) {
        return Json.MAPPER.valueToTree(map);
    }

    void accepted() {
        Dossier d = dossier(CODE, DossierStatus.AWAITING_PAYMENT, "X00004.UBND", clock.instant());
        store.put(d, components(clock.instant()));
        store.apply(Acceptance.standard().accept(d, components(clock.instant()), marriage(), 0, clock.instant(),
                vn.dvc.core.dossier.Actor.system("test")));
    }

    Dossier act(Object body) {
        return service.act(OFFICIAL, CODE, body(body)).dossier();
    }

    @Test
    void fullPathWithClockStop() {
        accepted();
        assertEquals(vn("2025-10-13T17:00"), store.find(CODE).orElseThrow().dueAt());
        Dossier taken = act(Map.of("action", "take"));
        assertEquals(DossierStatus.IN_PROGRESS, taken.status());
        assertEquals("official-1", taken.attributes().get("assignedTo"));

        clock.set(vn("2025-10-08T17:00"));
        Dossier paused = act(Map.of("action", "request-supplement", "reasons",
                List.of(Map.of("component", "to-khai-dang-ky-ket-hon", "reason", Map.of("vi", "Thiếu chữ ký", "en", "Signature missing")))));
        assertEquals(DossierStatus.SUPPLEMENT_REQUESTED, paused.status());
        assertEquals(ComponentState.EXPECTED, store.components(CODE).get(0).state());
        assertEquals("Thiếu chữ ký", store.components(CODE).get(0).reason().vi());

        clock.set(vn("2025-10-13T08:00"));
        Dossier resumed = act(Map.of("action", "resubmit"));
        assertEquals(DossierStatus.IN_PROGRESS, resumed.status());
        assertEquals(vn("2025-10-15T17:00"), resumed.dueAt(), "3 working days left, counted from Monday");
        assertNull(resumed.attributes().get("pausedAt"));

        var approved = service.act(OFFICIAL, CODE, body(Map.of("action", "approve")));
        assertEquals(DossierStatus.APPROVED, approved.dossier().status());
        String key = (String) approved.dossier().attributes().get("resultKey");
        assertTrue(key.startsWith("results/" + CODE + "/"), key);
        assertTrue(((Map<?, ?>) approved.issued().get("resultUpload")).get("url").toString().endsWith(key));

        List<String> actions = store.history(CODE).stream().map(e -> e.action()).toList();
        assertEquals(List.of("ACCEPTED", "TAKEN", "SUPPLEMENT_REQUESTED", "RESUBMITTED", "APPROVED"), actions);
    }

    @Test
    void illegalTransitionsAre409AndChangeNothing() {
        accepted();
        long version = store.find(CODE).orElseThrow().version();
        for (String action : List.of("approve", "resubmit", "complete", "result-upload")) {
            ApiException e = assertThrows(ApiException.class, () -> act(Map.of("action", action)));
            assertEquals(409, e.status(), action);
        }
        act(Map.of("action", "take"));
        ApiException again = assertThrows(ApiException.class, () -> act(Map.of("action", "take")));
        assertEquals(409, again.status());
        assertEquals(version + 1, store.find(CODE).orElseThrow().version());
    }

    @Test
    void staleExpectedVersionIs409() {
        accepted();
        ApiException e = assertThrows(ApiException.class, () -> act(Map.of("action", "take", "expectedVersion", 1)));
        assertEquals(409, e.status());
        assertEquals("VERSION_MISMATCH", e.code());
    }

    @Test
    void refusalNeedsAReasonAndIssuesASlip() {
        accepted();
        assertEquals(422, assertThrows(ApiException.class, () -> act(Map.of("action", "refuse"))).status());
        var out = service.act(OFFICIAL, CODE, body(Map.of("action", "refuse", "reason", "Không thuộc thẩm quyền")));
        assertEquals(DossierStatus.REFUSED, out.dossier().status());
        assertEquals(CODE + "-TC", ((Map<?, ?>) out.issued().get("refusalSlip")).get("number"));
        assertEquals("Không thuộc thẩm quyền", store.history(CODE).getLast().reason().vi());
    }

    @Test
    void foreignOfficialIs403AndAudited() {
        accepted();
        Caller foreign = new Caller(Role.OFFICIAL, "official-9", null, "X00070.UBND", "01");
        ApiException e = assertThrows(ApiException.class, () -> service.act(foreign, CODE, body(Map.of("action", "take"))));
        assertEquals(403, e.status());
        assertEquals(List.of(CODE + " X00070.UBND take"), denied);
        assertEquals(DossierStatus.ACCEPTED, store.find(CODE).orElseThrow().status());
        for (Role role : List.of(Role.CITIZEN, Role.SUPERVISOR, Role.ASSISTANT, Role.ANONYMOUS)) {
            Caller c = new Caller(role, "x", "001090000001", "X00004.UBND", "01");
            assertEquals(403, assertThrows(ApiException.class, () -> service.act(c, CODE, body(Map.of("action", "take")))).status());
        }
    }

    @Test
    void transferGoesToAnotherCompetentAgencyOfTheProvince() {
        accepted();
        assertEquals(422, assertThrows(ApiException.class, () -> act(Map.of("action", "transfer", "toAgencyId", "X00070.UBND"))).status());
        assertEquals(422, assertThrows(ApiException.class, () -> act(Map.of("action", "transfer", "toAgencyId", "X00070.CA", "reason", "x"))).status());
        assertEquals(422, assertThrows(ApiException.class, () -> act(Map.of("action", "transfer", "toAgencyId", "T01.STP", "reason", "x"))).status());
        Dossier moved = act(Map.of("action", "transfer", "toAgencyId", "X00070.UBND", "reason", "Nơi cư trú thuộc phường khác"));
        assertEquals("X00070.UBND", moved.agencyId());
        assertEquals(DossierStatus.ACCEPTED, moved.status());
        // the former agency has lost it
        assertEquals(403, assertThrows(ApiException.class, () -> act(Map.of("action", "take"))).status());
    }

    @Test
    void takeComputesAMissingDueDateFromTheAcceptance() {
        Dossier d = dossier(CODE, DossierStatus.AWAITING_PAYMENT, "X00004.UBND", clock.instant());
        store.put(d, components(clock.instant()));
        // an acceptance without a due date (as a step that does not call Acceptance would write it)
        store.apply(new vn.dvc.core.dossier.DossierStore.Change(CODE, d.version(), DossierStatus.ACCEPTED, Map.of(), List.of(),
                vn.dvc.core.dossier.HistoryEvent.of(clock.instant(), vn.dvc.core.dossier.Actor.SYSTEM, "ACCEPTED",
                        DossierStatus.AWAITING_PAYMENT, DossierStatus.ACCEPTED)));
        clock.set(vn("2025-10-09T09:00"));
        Dossier taken = act(Map.of("action", "take"));
        assertEquals(vn("2025-10-13T17:00"), taken.dueAt(), "counted from the acceptance on 6 Oct, not from the take");
    }

    @Test
    void resultIsSignedOnArrivalAndVerifiable() {
        accepted();
        act(Map.of("action", "take"));
        String key = (String) act(Map.of("action", "approve")).attributes().get("resultKey");
        byte[] pdf = "%PDF-1.7\nresult document\n%%EOF".getBytes();
        LocalResultSigner signer = new LocalResultSigner("test-seed");
        ResultService results = new ResultService(store, objects(key, pdf), signer, clock);
        assertEquals(ResultService.Outcome.ISSUED, results.onArrival(key));
        // issue 4: the issued result is kept in the applicant's data store, in the same write
        assertEquals(1, store.kept.size());
        assertTrue(store.kept.get(0).documentType().startsWith(vn.dvc.core.documents.StoredDocument.RESULT_TYPE_PREFIX));
        assertEquals(ResultService.Outcome.DUPLICATE, results.onArrival(key));
        assertEquals(ResultService.Outcome.SUPERSEDED, results.onArrival("results/" + CODE + "/00000000-0000-0000-0000-000000000000"));
        assertEquals(DossierStatus.RESULT_ISSUED, store.find(CODE).orElseThrow().status());

        String sha = sha256(pdf);
        var ok = results.verify(CODE, sha);
        assertTrue(ok.valid(), ok.reason());
        assertEquals(signer.keyId(), ok.keyId());
        assertEquals("HASH_MISMATCH", results.verify(CODE, "0".repeat(64)).reason());
        // another key cannot vouch for it
        assertEquals("SIGNATURE_INVALID", new ResultService(store, objects(key, pdf), new LocalResultSigner("other"), clock)
                .verify(CODE, sha).reason());
        assertEquals(signer.keyId(), new LocalResultSigner("test-seed").keyId(), "deterministic local key");

        Dossier done = act(Map.of("action", "complete", "handover", "COLLECTED"));
        assertEquals(DossierStatus.COMPLETED, done.status());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static DocumentObjects objects(String key, byte[] content) {
        return new DocumentObjects() {
            @Override
            public Optional<Long> size(String k) {
                return k.equals(key) ? Optional.of((long) content.length) : Optional.empty();
            }

            @Override
            public InputStream open(String k) {
                return new ByteArrayInputStream(content);
            }

            @Override
            public void quarantine(String k) {}
        };
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @SuppressWarnings("unused")
    private static final Duration UNUSED = Duration.ZERO;
}
