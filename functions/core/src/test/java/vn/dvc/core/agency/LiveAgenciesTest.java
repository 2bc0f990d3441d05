package vn.dvc.core.agency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.dvc.core.catalog.FieldError;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.units.AdministrativeUnits;

/** The rules of an operator's replacement of an agency's generated values (PUT /agencies/{id}). */
class LiveAgenciesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final String GOOD = """
            {"name":{"vi":"Trung tâm Phục vụ hành chính công phường Ba Đình","en":"Ba Đình Ward Public Administration Service Centre"},
             "address":"  Số 1 phố Mẫu, phường Ba Đình, Hà Nội ","hotline":"024 3825.1234","officialCode":"000.00.01.H26"}""";

    private final AdministrativeUnits units = AdministrativeUnits.get();
    private final Agency generated = Agencies.generate(units, DAY).byId("X00004.TTPVHCC").orElseThrow();

    /** The port in memory, with the same conditional semantics as the DynamoDB adapter. */
    static class Memory implements ReplacedAgencies {
        final Map<String, List<AgencyReplacement>> revisions = new HashMap<>();
        int queries;

        @Override
        public synchronized List<AgencyReplacement> latest() {
            queries++;
            return revisions.values().stream().map(l -> l.get(l.size() - 1)).collect(Collectors.toList());
        }

        @Override
        public synchronized Optional<AgencyReplacement> latest(String id) {
            List<AgencyReplacement> l = revisions.get(id);
            return l == null ? Optional.empty() : Optional.of(l.get(l.size() - 1));
        }

        @Override
        public synchronized Optional<AgencyReplacement> revision(String id, int revision) {
            return revisions.getOrDefault(id, List.of()).stream().filter(r -> r.revision() == revision).findFirst();
        }

        @Override
        public synchronized void replace(AgencyReplacement r, int expectedLatest) {
            List<AgencyReplacement> l = revisions.computeIfAbsent(r.agency().id(), k -> new ArrayList<>());
            int latest = l.isEmpty() ? 0 : l.get(l.size() - 1).revision();
            if (latest != expectedLatest || r.revision() != latest + 1) {
                throw new Conflict("lost");
            }
            l.add(r);
        }
    }

    private static JsonNode json(String s) {
        try {
            return Json.tree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Clock clock(AtomicLong millis) {
        return new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
        };
    }

    @Test
    void aReplacementIsMergedValidatedAndMarkedOperatorSupplied() {
        AgencyDocuments.Parsed parsed = AgencyDocuments.parse(generated, json(GOOD));
        assertEquals(List.of(), parsed.errors());
        Agency a = parsed.agency();
        assertEquals("X00004.TTPVHCC", a.id());
        assertEquals(generated.level(), a.level());
        assertEquals(generated.kind(), a.kind());
        assertEquals("00004", a.unitCode());
        assertEquals("01", a.provinceCode());
        assertFalse(a.generated());
        assertEquals("Số 1 phố Mẫu, phường Ba Đình, Hà Nội", a.address(), "trimmed");
        assertEquals("02438251234", a.hotline(), "stored without separators");
        assertEquals("000.00.01.H26", a.officialCode());
        assertEquals(List.of(), AgencyDocuments.unknown(a));
        assertEquals(List.of("officialCode", "address", "hotline"), AgencyDocuments.unknown(generated));

        // only the name: the rest stays unknown; fixed fields and view fields may be sent back as read
        AgencyDocuments.Parsed minimal = AgencyDocuments.parse(generated, json("""
                {"id":"X00004.TTPVHCC","level":"COMMUNE","kind":"SERVICE_CENTRE","unitCode":"00004","provinceCode":"01",
                 "generated":true,"source":"GENERATED","unknown":["address"],"note":{"vi":"x","en":"x"},
                 "name":{"vi":"Trung tâm Phục vụ hành chính công phường Ba Đình","en":"Service centre"},"address":null}"""));
        assertEquals(List.of(), minimal.errors());
        assertNull(minimal.agency().address());
        assertEquals(List.of("officialCode", "address", "hotline"), AgencyDocuments.unknown(minimal.agency()));
        for (String phone : List.of("1900 1234", "1800.599.920", "+84 912 345 678", "0912345678")) {
            String body = "{\"name\":{\"vi\":\"Công an\",\"en\":\"Police\"},\"hotline\":\"" + phone + "\"}";
            assertEquals(List.of(), AgencyDocuments.parse(generated, json(body)).errors(), phone);
        }
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsCode() {
        AgencyDocuments.Parsed parsed = AgencyDocuments.parse(generated, json("""
                {"name":{"vi":"Trung tam khong dau","en":"  ","fr":"x"},"address":"abc","hotline":"12345",
                 "officialCode":"abc","kind":"POLICE","unitCode":"00070","fax":"x","revision":1.5}"""));
        Map<String, String> byPath = parsed.errors().stream().collect(Collectors.toMap(FieldError::path, FieldError::code, (x, y) -> x + "," + y));
        assertEquals("NAME_WITHOUT_DIACRITICS", byPath.get("name.vi"));
        assertEquals("BLANK", byPath.get("name.en"));
        assertEquals("UNKNOWN_FIELD", byPath.get("name.fr"));
        assertEquals("ADDRESS_TOO_SHORT", byPath.get("address"));
        assertEquals("INVALID_HOTLINE", byPath.get("hotline"));
        assertEquals("INVALID_OFFICIAL_CODE", byPath.get("officialCode"));
        assertEquals("READ_ONLY_FIELD", byPath.get("kind"));
        assertEquals("READ_ONLY_FIELD", byPath.get("unitCode"));
        assertEquals("UNKNOWN_FIELD", byPath.get("fax"));
        assertEquals("NOT_AN_INTEGER", byPath.get("revision"));
        assertNull(parsed.agency());
        assertTrue(parsed.errors().stream().allMatch(e -> !e.message().vi().isBlank() && !e.message().en().isBlank()));

        assertEquals("REQUIRED", AgencyDocuments.parse(generated, json("{}")).errors().get(0).code());
        var types = AgencyDocuments.parse(generated, json("{\"name\":{\"vi\":1,\"en\":null},\"hotline\":912345678,\"address\":\"x\\u0000yyyy\"}")).errors();
        assertEquals(List.of("name.vi:NOT_A_STRING", "name.en:REQUIRED", "address:CONTROL_CHARACTER", "hotline:NOT_A_STRING"),
                types.stream().map(e -> e.path() + ":" + e.code()).sorted((x, y) -> order(x) - order(y)).toList());
        assertEquals("TOO_LONG", AgencyDocuments.parse(generated, json("{\"name\":{\"vi\":\"Ủy ban " + "x".repeat(300)
                + "\",\"en\":\"x\"}}")).errors().get(0).code());
    }

    private static int order(String s) {
        return List.of("name.vi", "name.en", "address", "hotline").indexOf(s.substring(0, s.indexOf(':')));
    }

    @Test
    void replaceStoresRevisionsConditionallyAndEveryReadSeesIt() {
        Memory store = new Memory();
        AtomicLong now = new AtomicLong(1_000_000);
        LiveAgencies live = new LiveAgencies(units, store, clock(now), Duration.ofSeconds(60));
        LiveAgencies other = new LiveAgencies(units, store, clock(now), Duration.ofSeconds(60));
        assertTrue(other.agencies(DAY).byId("X00004.TTPVHCC").orElseThrow().generated());

        AgencyReplacement first = live.replace("X00004.TTPVHCC", json(GOOD), v -> v.revision() == 0, "operator:op-1", DAY);
        assertEquals(1, first.revision());
        assertEquals("operator:op-1", first.replacedBy());
        assertEquals(Instant.ofEpochMilli(1_000_000), first.replacedAt());
        // this instance at once, everywhere agencies are read: by id, per unit, routing's find
        Agency replaced = live.agencies(DAY).byId("X00004.TTPVHCC").orElseThrow();
        assertFalse(replaced.generated());
        assertEquals("02438251234", replaced.hotline());
        assertTrue(live.agencies(DAY).ofUnit("00004").contains(replaced));
        assertEquals(replaced, live.agencies(DAY).find("00004", AgencyLevel.COMMUNE, AgencyKind.SERVICE_CENTRE));
        assertEquals(1, live.byId("X00004.TTPVHCC", DAY).orElseThrow().revision());
        assertEquals(0, live.byId("X00004.UBND", DAY).orElseThrow().revision());
        // another instance after its refresh period
        assertTrue(other.agencies(DAY).byId("X00004.TTPVHCC").orElseThrow().generated(), "snapshot still fresh");
        now.addAndGet(60_000);
        assertFalse(other.agencies(DAY).byId("X00004.TTPVHCC").orElseThrow().generated());

        // a stale writer: the precondition (If-Match) refuses with 412, a wrong revision is 409; nothing stored
        ApiException stale = assertThrows(ApiException.class,
                () -> other.replace("X00004.TTPVHCC", json(GOOD), v -> v.revision() == 0, "operator:op-2", DAY));
        assertEquals(412, stale.status());
        ApiException revision = assertThrows(ApiException.class, () -> other.replace("X00004.TTPVHCC",
                json(GOOD.replace("{\"name\"", "{\"revision\":1,\"name\"")), v -> true, "operator:op-2", DAY));
        assertEquals(409, revision.status());
        assertEquals("REVISION_CONFLICT", revision.code());
        assertEquals(1, store.revisions.get("X00004.TTPVHCC").size());

        AgencyReplacement second = other.replace("X00004.TTPVHCC",
                json("{\"revision\":2,\"name\":{\"vi\":\"Trung tâm Phục vụ hành chính công phường Ba Đình\",\"en\":\"Centre\"}}"),
                v -> true, "operator:op-2", DAY);
        assertEquals(2, second.revision());
        assertNull(second.agency().hotline(), "the document is the whole new state");
        assertEquals("02438251234", store.revision("X00004.TTPVHCC", 1).orElseThrow().agency().hotline(), "history kept");
    }

    @Test
    void invalidUnknownAndRacingReplacementsWriteNothing() {
        Memory store = new Memory();
        LiveAgencies live = new LiveAgencies(units, store, Clock.systemUTC(), Duration.ofSeconds(60));
        ApiException invalid = assertThrows(ApiException.class, () -> live.replace("X00004.TTPVHCC",
                json("{\"name\":{\"vi\":\"khong dau\",\"en\":\"x\"},\"hotline\":\"1\"}"), v -> true, "operator:x", DAY));
        assertEquals(422, invalid.status());
        assertEquals("AGENCY_INVALID", invalid.code());
        assertEquals(2, invalid.details().size());
        assertEquals(404, assertThrows(ApiException.class,
                () -> live.replace("X99999.CA", json(GOOD), v -> true, "operator:x", DAY)).status());
        assertEquals(404, assertThrows(ApiException.class,
                () -> live.replace("X00004.STP", json(GOOD), v -> true, "operator:x", DAY)).status(), "no commune Sở");
        assertTrue(store.revisions.isEmpty());

        // a concurrent replacement stored between this one's read and its write: 409, nothing written
        ReplacedAgencies racing = new Memory() {
            @Override
            public synchronized void replace(AgencyReplacement r, int expectedLatest) {
                super.replace(new AgencyReplacement(r.agency(), 1, "operator:other", Instant.EPOCH), 0);
                super.replace(r, expectedLatest);
            }
        };
        LiveAgencies loser = new LiveAgencies(units, racing, Clock.systemUTC(), Duration.ofSeconds(60));
        ApiException lost = assertThrows(ApiException.class,
                () -> loser.replace("X00004.TTPVHCC", json(GOOD), v -> true, "operator:x", DAY));
        assertEquals(409, lost.status());
        assertEquals(1, ((Memory) racing).revisions.get("X00004.TTPVHCC").size());

        LiveAgencies readOnly = new LiveAgencies(units, null, Clock.systemUTC(), Duration.ZERO);
        assertEquals(503, assertThrows(ApiException.class,
                () -> readOnly.replace("X00004.TTPVHCC", json(GOOD), v -> true, "operator:x", DAY)).status());
        assertTrue(readOnly.agencies(DAY).byId("X00004.TTPVHCC").orElseThrow().generated());
    }
}
