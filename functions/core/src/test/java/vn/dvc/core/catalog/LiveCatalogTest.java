package vn.dvc.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dvc.core.error.ApiException;

class LiveCatalogTest {
    static final String CODE = "1.004222";

    /** An in-memory store with the same conditional semantics as the table. */
    static class MemoryStore implements PublishedProcedures {
        final Map<String, Procedure> versions = new HashMap<>();
        final Map<String, Procedure> latest = new HashMap<>();
        int reads;

        @Override
        public List<Procedure> latest() {
            reads++;
            return new ArrayList<>(latest.values());
        }

        @Override
        public Optional<Procedure> latest(String code) {
            return Optional.ofNullable(latest.get(code));
        }

        @Override
        public Optional<Procedure> version(String code, int version) {
            return Optional.ofNullable(versions.get(code + "#" + version));
        }

        @Override
        public void publish(Procedure p, Integer expected, String by, Instant at) {
            Procedure current = latest.get(p.code());
            Integer stored = current == null ? null : current.version();
            if (!java.util.Objects.equals(stored, expected) || versions.containsKey(p.code() + "#" + p.version())) {
                throw new Conflict("race");
            }
            versions.put(p.code() + "#" + p.version(), p);
            latest.put(p.code(), p);
        }
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T03:00:00Z");

        @Override
        public ZoneOffset getZone() {
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

    static ObjectNode document(String code) {
        ObjectNode doc = ProcedureCatalog.mapper().valueToTree(ProcedureCatalog.bundled().byCode(code).orElseThrow());
        doc.remove("version");
        return doc;
    }

    @Test
    void publishedVersionsLayerOverTheSeedAndOldVersionsStayReadable() {
        MemoryStore store = new MemoryStore();
        LiveCatalog catalog = new LiveCatalog(ProcedureCatalog.bundled(), store, new MutableClock(), Duration.ofSeconds(60));
        assertEquals(1, catalog.current(CODE).orElseThrow().version());
        Procedure v2 = catalog.publish(CODE, document(CODE), latest -> true, "operator:test");
        assertEquals(2, v2.version());
        assertEquals(2, catalog.current(CODE).orElseThrow().version());
        assertEquals(1, catalog.version(CODE, 1).orElseThrow().version());
        assertEquals(2, catalog.version(CODE, 2).orElseThrow().version());
        assertTrue(catalog.version(CODE, 3).isEmpty());
        assertEquals(ProcedureCatalog.bundled().all().size(), catalog.catalog().all().size());
    }

    @Test
    void anotherInstanceSeesAPublicationAfterItsRefreshPeriod() {
        MemoryStore store = new MemoryStore();
        MutableClock clock = new MutableClock();
        LiveCatalog reader = new LiveCatalog(ProcedureCatalog.bundled(), store, clock, Duration.ofSeconds(60));
        LiveCatalog writer = new LiveCatalog(ProcedureCatalog.bundled(), store, clock, Duration.ofSeconds(60));
        assertEquals(1, reader.current(CODE).orElseThrow().version());
        writer.publish(CODE, document(CODE), latest -> true, "operator:test");
        assertEquals(1, reader.current(CODE).orElseThrow().version());
        assertEquals(1, store.reads);
        clock.now = clock.now.plusSeconds(61);
        assertEquals(2, reader.current(CODE).orElseThrow().version());
        assertEquals(2, reader.version(CODE, 2).orElseThrow().version());
    }

    @Test
    void staleVersionsPreconditionsAndRacesAreConflicts() {
        MemoryStore store = new MemoryStore();
        LiveCatalog catalog = new LiveCatalog(ProcedureCatalog.bundled(), store, new MutableClock(), Duration.ofSeconds(60));
        ObjectNode stale = document(CODE).put("version", 1);
        assertEquals(409, assertThrows(ApiException.class, () -> catalog.publish(CODE, stale, l -> true, "o")).status());
        assertEquals(412, assertThrows(ApiException.class, () -> catalog.publish(CODE, document(CODE), l -> false, "o")).status());
        // a publication sneaking in between the read and the write
        LiveCatalog racing = new LiveCatalog(ProcedureCatalog.bundled(), new MemoryStore() {
            @Override
            public void publish(Procedure p, Integer expected, String by, Instant at) {
                throw new Conflict("lost");
            }
        }, new MutableClock(), Duration.ofSeconds(60));
        ApiException lost = assertThrows(ApiException.class, () -> racing.publish(CODE, document(CODE), l -> true, "o"));
        assertEquals(409, lost.status());
        assertTrue(store.versions.isEmpty());
    }

    @Test
    void anInvalidDocumentListsEveryProblemAndWritesNothing() {
        MemoryStore store = new MemoryStore();
        LiveCatalog catalog = new LiveCatalog(ProcedureCatalog.bundled(), store, new MutableClock(), Duration.ofSeconds(60));
        ObjectNode doc = document("1.004194");
        doc.put("code", "1.000000");
        ((ObjectNode) doc.path("feeSchedule").path("lines").get(0)).put("amount", 15000.5);
        ((ObjectNode) doc.path("feeSchedule").path("lines").get(0).path("onlineReductions").get(0)).put("reducedAmount", -7000);
        ((ObjectNode) doc.path("components").get(0)).put("maxBytes", "10485760");
        ((ObjectNode) doc.path("components").get(1)).remove("quantityCopy");
        doc.put("level", "DISTRICT"); // no such level any more: a shape error that must not hide the others
        ApiException e = assertThrows(ApiException.class, () -> catalog.publish("1.004194", doc, l -> true, "o"));
        assertEquals(422, e.status());
        Map<String, Object> problems = new HashMap<>();
        e.details().forEach(d -> problems.put((String) d.get("path"), d.get("code")));
        assertEquals("NOT_AN_INTEGER", problems.get("feeSchedule.lines[0].amount"), problems.toString());
        assertEquals("FEE_NEGATIVE", problems.get("feeSchedule.lines[0].onlineReductions[0].reducedAmount"), problems.toString());
        assertEquals("NOT_AN_INTEGER", problems.get("components[0].maxBytes"), problems.toString());
        assertEquals("CODE_MISMATCH", problems.get("code"), problems.toString());
        assertEquals("REQUIRED", problems.get("components[1].quantityCopy"), problems.toString());
        assertTrue(e.details().stream().anyMatch(d -> "level".equals(d.get("path")) && "DOCUMENT_SHAPE".equals(d.get("code"))),
                e.details().toString());
        assertTrue(store.versions.isEmpty() && store.latest.isEmpty());
    }

    @Test
    void cursorsRoundTripAndRejectAnythingElse() {
        assertEquals(Optional.of("1.004222"), PageCursor.decode("p", PageCursor.encode("p", "1.004222")));
        assertEquals(Optional.of(40), PageCursor.decodeOffset("u", PageCursor.encode("u", "40"), 500));
        assertTrue(PageCursor.decode("u", PageCursor.encode("p", "1.004222")).isEmpty());
        assertTrue(PageCursor.decodeOffset("u", PageCursor.encode("u", "900"), 500).isEmpty());
        assertTrue(PageCursor.decode("p", "%%%").isEmpty());
        assertTrue(PageCursor.decode("p", "").isEmpty());
    }

    @Test
    void searchFoldsDiacriticsAndPagesByCode() {
        ProcedureCatalog catalog = ProcedureCatalog.bundled();
        var found = ProcedureSearch.search(catalog, new ProcedureSearch.Filter(null, null, null, "DANG KY thuong tru"), null, 10);
        assertEquals(List.of("1.004222"), found.items().stream().map(Procedure::code).toList());
        var civil = ProcedureSearch.search(catalog, new ProcedureSearch.Filter("08", HandlingLevel.COMMUNE, "hộ tịch", null), null, 2);
        assertEquals(3, civil.total());
        assertEquals(2, civil.items().size());
        var rest = ProcedureSearch.search(catalog, new ProcedureSearch.Filter("08", HandlingLevel.COMMUNE, "ho tich", null),
                civil.continueAfter(), 2);
        assertEquals(1, rest.items().size());
        assertEquals(null, rest.continueAfter());
    }
}
