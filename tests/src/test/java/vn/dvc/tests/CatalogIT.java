package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Select;
import vn.dvc.aws.AwsClients;
import vn.dvc.core.json.Json;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.units.Commune;
import vn.dvc.core.units.OldCommune;

/**
 * The catalog through the local HTTP API: the reference data's counts and old-to-new resolution, diacritics-free
 * search, province filters with old codes, caching (ETag / 304), and operators publishing procedure versions
 * (atomic, validated, operator-only; dossiers keep the version they were filed under).
 */
@ExtendWith(Suite.class)
class CatalogIT {
    static final AdministrativeUnits UNITS = AdministrativeUnits.get();

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** 34 current provinces and 63 old ones (29 of them under a code no new province kept), each through the API. */
    @Test
    void everyProvinceCodeThroughTheApi() {
        Api api = Suite.api();
        assertEquals(34, UNITS.provinceCount());
        assertEquals(63, UNITS.oldProvinceCount());
        Set<String> codes = new java.util.TreeSet<>();
        UNITS.provinces().forEach(p -> codes.add(p.code()));
        UNITS.oldProvinces().forEach(p -> codes.add(p.code()));
        int current = 0;
        int merged = 0;
        for (String code : codes) {
            Api.Response r = api.get("/units/" + code, null);
            assertEquals(200, r.status(), r.body());
            JsonNode body = r.json();
            assertEquals("PROVINCE", body.path("units").get(0).path("level").asText(), r.body());
            switch (body.path("resolution").asText()) {
                case "CURRENT" -> current++;
                case "MERGED" -> {
                    merged++;
                    assertEquals("OLD_PROVINCE", body.path("old").path("kind").asText());
                }
                default -> throw new AssertionError(r.body());
            }
        }
        assertEquals(34, current);
        // 63 old provinces: the 34 codes kept by a new province read as the current one, the other 29 resolve to it
        assertEquals(63 - 34, merged);
        for (String unknown : List.of("00", "03", "99")) {
            assertEquals(404, api.get("/units/" + unknown, null).status(), unknown);
        }
        JsonNode haGiang = api.get("/units/02", null).json();
        assertEquals("Tỉnh Hà Giang", haGiang.path("old").path("name").asText());
        assertEquals("08", haGiang.path("units").get(0).path("code").asText());
    }

    /**
     * The counts, with every unit resolved in process (fast) and a sample through the HTTP API (every 50th current
     * commune, every 16th split old commune, every 200th other old commune): the whole set over HTTP would cost about a
     * minute of CI for what the core tests already prove unit by unit.
     */
    @Test
    void communeCountsAndOldCommunesResolveThroughTheApi() {
        Api api = Suite.api();
        assertEquals(3_321, UNITS.communeCount());
        assertEquals(10_047, UNITS.oldCommuneCount());
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(7));
        int current = 0;
        int viaHttp = 0;
        for (Commune c : UNITS.communes()) {
            assertTrue(UNITS.resolve(c.code(), today) instanceof vn.dvc.core.units.UnitResolution.Current, c.code());
            current++;
            if (current % 50 == 1) {
                JsonNode body = api.get("/units/" + c.code(), null).json();
                assertEquals("CURRENT", body.path("resolution").asText(), c.code());
                assertEquals(c.code(), body.path("units").get(0).path("code").asText());
                assertEquals("COMMUNE", body.path("units").get(0).path("level").asText());
                viaHttp++;
            }
        }
        assertEquals(3_321, current);

        int old = 0;
        int splits = 0;
        int splitsViaHttp = 0;
        for (OldCommune o : UNITS.oldCommunes()) {
            old++;
            if (o.isSplit()) {
                splits++;
            }
            boolean kept = UNITS.commune(o.code()).isPresent(); // a code kept by a new commune reads as that commune
            boolean sample = o.isSplit() ? splits % 16 == 1 : old % 200 == 1;
            if (kept || !sample) {
                continue;
            }
            JsonNode body = api.get("/units/" + o.code(), null).json();
            viaHttp++;
            List<String> codes = new ArrayList<>();
            body.path("units").forEach(u -> codes.add(u.path("code").asText()));
            assertEquals(o.newCommuneCodes(), codes, o.code());
            if (o.isSplit()) {
                splitsViaHttp++;
                assertEquals("SPLIT", body.path("resolution").asText());
                assertTrue(body.path("partial").asBoolean());
                assertTrue(codes.size() >= 2);
                body.path("units").forEach(u -> assertTrue(u.path("partial").asBoolean(), o.code()));
            } else {
                assertEquals("MERGED", body.path("resolution").asText());
                assertFalse(body.path("partial").asBoolean());
            }
        }
        assertEquals(10_047, old);
        assertEquals(460, splits);
        assertTrue(splitsViaHttp >= 15, "split old communes checked over HTTP: " + splitsViaHttp);
        System.out.println("catalog: " + viaHttp + " unit look-ups over HTTP");
    }

    @Test
    void aSplitOldCommuneListsEveryCandidateMarkedPartial() {
        JsonNode body = Suite.api().get("/units/00019", null).json(); // Phường Điện Biên (Ba Đình), split in 4
        assertEquals("SPLIT", body.path("resolution").asText());
        assertEquals("Phường Điện Biên", body.path("old").path("name").asText());
        List<String> codes = new ArrayList<>();
        body.path("units").forEach(u -> codes.add(u.path("code").asText()));
        assertEquals(List.of("00004", "00070", "00190", "00226"), codes);
        assertEquals("01", body.path("province").path("code").asText());
        assertFalse(body.path("note").path("vi").asText().isEmpty());
    }

    @Test
    void unitCodesMalformedAndUnknown() {
        Api api = Suite.api();
        assertEquals(400, api.get("/units/12ab", null).status());
        assertEquals(400, api.get("/units/1234", null).status());
        Api.Response unknown = api.get("/units/99999", null);
        assertEquals(404, unknown.status());
        assertEquals("UNIT_NOT_FOUND", unknown.json().path("code").asText());
        assertEquals("DISTRICT_ABOLISHED", api.get("/units/001", null).json().path("resolution").asText());
    }

    @Test
    void searchWithoutDiacriticsFindsThuDucAndPages() {
        Api api = Suite.api();
        JsonNode body = api.get("/units?q=" + enc("thu duc"), null).json();
        JsonNode first = body.path("items").get(0);
        assertEquals("26824", first.path("code").asText());
        assertEquals("Thủ Đức", first.path("name").asText());
        assertEquals("79", first.path("provinceCode").asText());

        // paging: every page distinct, together the same as one big page
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/units?q=" + enc("an") + "&limit=7" + (cursor == null ? "" : "&cursor=" + cursor), null).json();
            page.path("items").forEach(i -> paged.add(i.path("code").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 4);
        List<String> whole = new ArrayList<>();
        api.get("/units?q=an&limit=28", null).json().path("items").forEach(i -> whole.add(i.path("code").asText()));
        assertEquals(whole, paged);

        JsonNode old = api.get("/units?q=" + enc("phuc xa") + "&old=true", null).json();
        List<String> kinds = new ArrayList<>();
        old.path("items").forEach(i -> kinds.add(i.path("kind").asText() + ":" + i.path("code").asText()));
        assertTrue(kinds.contains("OLD_COMMUNE:00001"), kinds.toString());

        assertEquals(400, api.get("/units", null).status());
        assertEquals(400, api.get("/units?q=an&limit=51", null).status());
        assertEquals(400, api.get("/units?q=an&cursor=bm90LWEtY3Vyc29y", null).status());
        assertEquals(400, api.get("/units?q=an&colour=blue", null).status());
    }

    @Test
    void procedureListFiltersOldProvinceLevelFieldTextAndPages() {
        Api api = Suite.api();
        JsonNode all = api.get("/procedures?limit=100", null).json();
        int total = all.path("total").asInt();
        assertTrue(total >= 25, all.toString());

        JsonNode haGiang = api.get("/procedures?province=02&limit=100", null).json();
        assertEquals("08", haGiang.path("province").path("code").asText());
        assertEquals("02", haGiang.path("province").path("resolvedFrom").path("code").asText());
        assertTrue(haGiang.path("province").path("note").path("vi").asText().contains("Tuyên Quang"), haGiang.path("province").toString());
        assertEquals(total, haGiang.path("total").asInt()); // every seeded procedure is published in every province
        assertEquals(404, api.get("/procedures?province=99", null).status());
        assertEquals(400, api.get("/procedures?province=00004", null).status());

        JsonNode commune = api.get("/procedures?level=COMMUNE&limit=100", null).json();
        commune.path("items").forEach(p -> assertEquals("COMMUNE", p.path("level").asText()));
        assertTrue(commune.path("total").asInt() >= 8);
        assertEquals(400, api.get("/procedures?level=DISTRICT", null).status());

        JsonNode birth = api.get("/procedures?q=" + enc("dang ky khai sinh"), null).json();
        assertEquals(1, birth.path("total").asInt(), birth.toString());
        assertEquals("1.001193", birth.path("items").get(0).path("code").asText());
        JsonNode civil = api.get("/procedures?field=" + enc("ho tich"), null).json();
        assertEquals(3, civil.path("total").asInt(), civil.toString());

        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/procedures?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), null).json();
            page.path("items").forEach(p -> assertTrue(seen.add(p.path("code").asText()), "repeated " + p));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertEquals(total, seen.size());

        for (String bad : List.of("limit=0", "limit=101", "limit=abc", "cursor=%25%25", "cursor=eDpub3RoaW5n", "sort=name")) {
            Api.Response r = api.get("/procedures?" + bad, null);
            assertEquals(400, r.status(), bad + " " + r.body());
            assertFalse(r.json().path("messages").path("vi").asText().isEmpty());
        }
    }

    @Test
    void agenciesOfACommuneAProvinceAndAnOldCode() {
        Api api = Suite.api();
        JsonNode baDinh = api.get("/agencies?unit=00004", null).json();
        List<String> ids = new ArrayList<>();
        baDinh.path("items").forEach(a -> ids.add(a.path("id").asText()));
        assertTrue(ids.containsAll(List.of("X00004.UBND", "X00004.TTPVHCC", "X00004.CA")), ids.toString());
        JsonNode centre = baDinh.path("items").get(ids.indexOf("X00004.TTPVHCC"));
        assertTrue(centre.path("generated").asBoolean());
        List<String> unknown = new ArrayList<>();
        centre.path("unknown").forEach(u -> unknown.add(u.asText()));
        assertTrue(unknown.containsAll(List.of("address", "hotline", "officialCode")), unknown.toString());
        assertFalse(centre.has("address") || centre.has("hotline"), "unknown values are left out and listed in unknown");

        List<String> hanoi = new ArrayList<>();
        api.get("/agencies?unit=01", null).json().path("items").forEach(a -> hanoi.add(a.path("id").asText()));
        assertTrue(hanoi.containsAll(List.of("T01.TTPVHCC", "T01.STP", "T01.CA")), hanoi.toString());

        JsonNode old = api.get("/agencies?unit=00001", null).json(); // Phường Phúc Xá went wholly into 00097
        assertEquals("MERGED", old.path("resolution").asText());
        assertEquals("X00097.UBND", old.path("items").get(0).path("id").asText());
        assertEquals(400, api.get("/agencies", null).status());
        assertEquals(400, api.get("/agencies?unit=abc", null).status());
        assertEquals(404, api.get("/agencies?unit=99999", null).status());
    }

    @Test
    void publicReadsCarryAStrongEtagAndAnswer304() {
        Api api = Suite.api();
        for (String path : List.of("/procedures/1.004222", "/procedures?province=01", "/units/00004", "/units?q=ba%20dinh",
                "/agencies?unit=00004", "/agencies/X00004.TTPVHCC")) {
            Api.Response first = api.get(path, null);
            assertEquals(200, first.status(), path);
            String etag = first.headers().get("etag");
            assertNotNull(etag, path);
            assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), etag);
            assertTrue(first.headers().get("cache-control").startsWith("public, max-age="), first.headers().toString());
            Api.Response again = api.send("GET", path, null, null, Map.of("If-None-Match", etag));
            assertEquals(304, again.status(), path);
            assertEquals(etag, again.headers().get("etag"));
            assertEquals(200, api.send("GET", path, null, null, Map.of("If-None-Match", "\"something-else\"")).status());
        }
    }

    @Test
    void anOperatorPublishesAVersionAndAFiledDossierKeepsItsOwn() throws Exception {
        Api api = Suite.api();
        String code = "1.000656"; // death registration: no other test files it
        String citizen = api.citizen("001090003333");
        String operator = api.token("OPERATOR", null, null, null);

        // a dossier filed under the current version
        JsonNode before = api.get("/procedures/" + code, null).json();
        int filedUnder = before.path("version").asInt();
        String dossier = fileDeathRegistration(api, citizen, code);
        assertEquals(filedUnder, api.get("/dossiers/" + dossier, citizen).json().path("procedureVersion").asInt());

        // the operator publishes the next version: the same document with another English name
        ObjectNode next = (ObjectNode) before.deepCopy();
        next.remove("version");
        ((ObjectNode) next.path("name")).put("en", "Death registration (operator's test version)");
        Api.Response published = api.send("PUT", "/procedures/" + code, operator, Json.write(next), Map.of());
        assertEquals(201, published.status(), published.body());
        assertEquals(filedUnder + 1, published.json().path("version").asInt());

        JsonNode now = api.get("/procedures/" + code, null).json();
        assertEquals(filedUnder + 1, now.path("version").asInt());
        assertEquals("Death registration (operator's test version)", now.path("name").path("en").asText());
        JsonNode old = api.get("/procedures/" + code + "?version=" + filedUnder, null).json();
        assertEquals(filedUnder, old.path("version").asInt());
        assertEquals(before.path("name"), old.path("name"));
        assertEquals(404, api.get("/procedures/" + code + "?version=" + (filedUnder + 5), null).status());
        assertTrue(api.get("/procedures?q=" + code, null).json().path("items").get(0).path("version").asInt() == filedUnder + 1);

        // the dossier filed before keeps the version it was filed under
        assertEquals(filedUnder, api.get("/dossiers/" + dossier, citizen).json().path("procedureVersion").asInt());

        // a stale explicit version and a stale If-Match are refused, nothing written
        next.put("version", filedUnder + 1);
        assertEquals(409, api.send("PUT", "/procedures/" + code, operator, Json.write(next), Map.of()).status());
        next.remove("version");
        Api.Response stale = api.send("PUT", "/procedures/" + code, operator, Json.write(next),
                Map.of("If-Match", api.get("/procedures/" + code + "?version=" + filedUnder, null).headers().get("etag")));
        assertEquals(412, stale.status(), stale.body());

        // two operators publish the same next version at once: one wins, the other gets 409
        next.put("version", filedUnder + 2);
        String body = Json.write(next);
        var a = CompletableFuture.supplyAsync(() -> api.send("PUT", "/procedures/" + code, operator, body, Map.of()).status());
        var b = CompletableFuture.supplyAsync(() -> api.send("PUT", "/procedures/" + code, operator, body, Map.of()).status());
        List<Integer> statuses = new ArrayList<>(List.of(a.get(), b.get()));
        statuses.sort(null);
        assertEquals(List.of(201, 409), statuses);
        assertEquals(filedUnder + 2, api.get("/procedures/" + code, null).json().path("version").asInt());
    }

    @Test
    void anInvalidDocumentIs422WithEveryProblemAndWritesNothing() {
        Api api = Suite.api();
        String operator = api.token("OPERATOR", null, null, null);
        String code = "1.004194";
        ObjectNode doc = (ObjectNode) api.get("/procedures/" + code, null).json().deepCopy();
        int version = doc.path("version").asInt();
        doc.remove("version");
        doc.set("processingTime", Json.MAPPER.valueToTree(Map.of("value", -3, "unit", "WORKING_DAYS")));
        ((ObjectNode) doc.path("components").get(0)).put("maxBytes", 0);
        ((ObjectNode) doc.path("formSchema")).put("type", "array");
        doc.set("feeSchedule", Json.MAPPER.valueToTree(Map.of("lines", List.of(
                Map.of("code", "le-phi", "label", Map.of("vi", "Lệ phí", "en", "Fee"), "kind", "LE_PHI",
                        "basis", "PER_DOSSIER", "amount", 1500.5, "legalBasis", "thử"),
                Map.of("code", "phi", "label", Map.of("vi", "Phí", "en", "Charge"), "kind", "PHI",
                        "basis", "PER_DOSSIER", "amount", -20000, "legalBasis", "thử")))));
        long itemsBefore = catalogItems();

        Api.Response r = api.send("PUT", "/procedures/" + code, operator, Json.write(doc), Map.of("Accept-Language", "en"));
        assertEquals(422, r.status(), r.body());
        assertEquals("PROCEDURE_INVALID", r.json().path("code").asText());
        Map<String, String> problems = new TreeMap<>();
        r.json().path("details").forEach(d -> problems.put(d.path("path").asText(), d.path("code").asText()));
        assertEquals("TIME_POSITIVE", problems.get("processingTime.value"), problems.toString());
        assertEquals("COMPONENT_MAX_BYTES", problems.get("components[0].maxBytes"), problems.toString());
        assertEquals("FORM_SCHEMA_NOT_OBJECT", problems.get("formSchema"), problems.toString());
        assertEquals("NOT_AN_INTEGER", problems.get("feeSchedule.lines[0].amount"), problems.toString());
        assertEquals("FEE_NEGATIVE", problems.get("feeSchedule.lines[1].amount"), problems.toString());
        assertEquals("REQUIRED", problems.get("feeSchedule.lines[0].includedCopies"), problems.toString());

        assertEquals(itemsBefore, catalogItems());
        assertEquals(version, api.get("/procedures/" + code, null).json().path("version").asInt());
    }

    @Test
    void onlyOperatorsPublish() {
        Api api = Suite.api();
        String code = "1.004194";
        String doc = api.get("/procedures/" + code, null).body();
        long itemsBefore = catalogItems();
        assertEquals(401, api.send("PUT", "/procedures/" + code, null, doc, Map.of()).status());
        for (String token : List.of(api.citizen("001090003334"), api.token("OFFICIAL", null, "X00004.UBND", "01"),
                api.token("SUPERVISOR", null, null, "01"), api.token("ASSISTANT", null, "X00004.TTPVHCC", "01"))) {
            Api.Response r = api.send("PUT", "/procedures/" + code, token, doc, Map.of());
            assertEquals(403, r.status(), r.body());
            assertEquals("OPERATOR_ONLY", r.json().path("code").asText());
        }
        assertEquals(itemsBefore, catalogItems());
    }

    // ---- catalog (issue 3): an operator replaces a generated agency's values
    @Test
    void anOperatorReplacesAGeneratedAgencyAndEveryReadShowsIt() {
        Api api = Suite.api();
        String id = "X00070.UBND"; // the People's Committee of a commune no other test files in
        String path = "/agencies/" + id;
        String operator = api.token("OPERATOR", null, null, null);
        long itemsBefore = catalogItems();

        Api.Response before = api.get(path, null);
        assertEquals(200, before.status(), before.body());
        JsonNode generated = before.json();
        assertTrue(generated.path("generated").asBoolean());
        assertEquals("GENERATED", generated.path("source").asText());
        assertEquals(0, generated.path("revision").asInt());
        assertEquals(List.of("officialCode", "address", "hotline"), strings(generated.path("unknown")));
        assertEquals("public, max-age=60", before.headers().get("cache-control"));
        String etag = before.headers().get("etag");
        assertNotNull(etag);

        // not an operator: 401 / 403, nothing written
        Map<String, Object> replacement = Map.of(
                "name", Map.of("vi", "Ủy ban nhân dân phường Giảng Võ (tên do vận hành cung cấp)",
                        "en", "People's Committee of Giảng Võ ward (operator-supplied)"),
                "address", "Số 1 phố Mẫu, thành phố Hà Nội (địa chỉ thử nghiệm)",
                "hotline", "024 3825 1234");
        String body = Json.write(replacement);
        assertEquals(401, api.send("PUT", path, null, body, Map.of()).status());
        for (String other : List.of(api.citizen("001090003334"), api.token("OFFICIAL", null, id, "01"),
                api.token("SUPERVISOR", null, null, "01"), api.token("ASSISTANT", null, "X00070.TTPVHCC", "01"))) {
            Api.Response refused = api.send("PUT", path, other, body, Map.of());
            assertEquals(403, refused.status(), refused.body());
            assertEquals("OPERATOR_ONLY", refused.json().path("code").asText());
        }

        // a bad body: 422 listing every problem with codes and both languages; malformed and unknown ids
        Api.Response invalid = api.send("PUT", path, operator,
                "{\"name\":{\"vi\":\"Uy ban khong dau\",\"en\":\"x\"},\"hotline\":\"12\",\"officialCode\":\"h26\","
                        + "\"unitCode\":\"00004\",\"fax\":\"1\"}", Map.of());
        assertEquals(422, invalid.status(), invalid.body());
        assertEquals("AGENCY_INVALID", invalid.json().path("code").asText());
        List<String> problems = new ArrayList<>();
        invalid.json().path("details").forEach(d -> problems.add(d.path("path").asText() + ":" + d.path("code").asText()));
        assertEquals(Set.of("name.vi:NAME_WITHOUT_DIACRITICS", "hotline:INVALID_HOTLINE", "officialCode:INVALID_OFFICIAL_CODE",
                "unitCode:READ_ONLY_FIELD", "fax:UNKNOWN_FIELD"), Set.copyOf(problems));
        assertFalse(invalid.json().path("messages").path("vi").asText().isBlank());
        assertEquals(400, api.send("PUT", path, operator, "[1]", Map.of()).status());
        assertEquals(400, api.send("PUT", "/agencies/x00070.ubnd", operator, body, Map.of()).status());
        assertEquals(404, api.send("PUT", "/agencies/X99999.UBND", operator, body, Map.of()).status());
        assertEquals(404, api.get("/agencies/X00070.STP", null).status());
        assertEquals(itemsBefore, catalogItems());

        // the operator replaces it, conditional on the ETag read
        Api.Response replaced = api.send("PUT", path, operator, body, Map.of("If-Match", etag));
        assertEquals(200, replaced.status(), replaced.body());
        JsonNode now = api.get(path, null).json();
        assertFalse(now.path("generated").asBoolean());
        assertEquals("OPERATOR", now.path("source").asText());
        assertTrue(now.path("replacedBy").asText().startsWith("operator:"), now.toString());
        assertFalse(now.path("replacedAt").asText().isEmpty());
        assertEquals(1, now.path("revision").asInt());
        assertEquals("02438251234", now.path("hotline").asText());
        assertEquals(List.of("officialCode"), strings(now.path("unknown")));
        assertTrue(now.path("note").isMissingNode());
        assertEquals(replaced.json(), now);
        assertEquals(2, catalogItems() - itemsBefore, "one revision item and the latest pointer");
        JsonNode listed = null;
        for (JsonNode a : api.get("/agencies?unit=00070", null).json().path("items")) {
            if (a.path("id").asText().equals(id)) {
                listed = a;
            }
        }
        assertEquals(now, listed);

        // stale writes: the old ETag gets 412, a wrong revision 409; nothing written
        Api.Response stale = api.send("PUT", path, operator, body, Map.of("If-Match", etag));
        assertEquals(412, stale.status(), stale.body());
        Map<String, Object> withRevision = new java.util.LinkedHashMap<>(replacement);
        withRevision.put("revision", 1);
        Api.Response conflict = api.send("PUT", path, operator, Json.write(withRevision), Map.of());
        assertEquals(409, conflict.status(), conflict.body());
        assertEquals("REVISION_CONFLICT", conflict.json().path("code").asText());
        assertEquals(2, catalogItems() - itemsBefore);

        // a dossier filed afterwards names the agency as replaced
        Map<String, Object> filing = new java.util.LinkedHashMap<>(deathFiling(api, "1.000656"));
        filing.put("communeCode", "00070");
        Api.Response filed = api.post("/dossiers", api.citizen("001090003335"), filing,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, filed.status(), filed.body());
        assertEquals(id, filed.json().path("agency").path("id").asText());
        assertEquals("Ủy ban nhân dân phường Giảng Võ (tên do vận hành cung cấp)",
                filed.json().path("agency").path("name").path("vi").asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static Map<String, Object> deathFiling(Api api, String code) {
        JsonNode procedure = api.get("/procedures/" + code, null).json();
        String component = procedure.path("components").get(0).path("code").asText();
        return Map.of("procedureCode", code, "communeCode", "00004", "channel", "ONLINE",
                "applicant", Map.of("fullName", "Nguyễn Văn Bảo", "dateOfBirth", "1980-01-02", "phone", "0912345679"),
                "form", Map.of("relationshipToDeceased", "CON", "deceased", Map.of("fullName", "Nguyễn Văn Cả",
                        "dateOfDeath", "2026-11-20", "placeOfDeath", "Bệnh viện Bạch Mai")),
                "components", List.of(Map.of("component", component, "contentType", "application/pdf")));
    }

    private static String fileDeathRegistration(Api api, String citizen, String code) {
        JsonNode procedure = api.get("/procedures/" + code, null).json();
        String component = procedure.path("components").get(0).path("code").asText();
        Map<String, Object> filing = Map.of("procedureCode", code, "communeCode", "00004", "channel", "ONLINE",
                "applicant", Map.of("fullName", "Nguyễn Văn Bảo", "dateOfBirth", "1980-01-02", "phone", "0912345679"),
                "form", Map.of("relationshipToDeceased", "CON", "deceased", Map.of("fullName", "Nguyễn Văn Cả",
                        "dateOfDeath", "2026-11-20", "placeOfDeath", "Bệnh viện Bạch Mai")),
                "components", List.of(Map.of("component", component, "contentType", "application/pdf")));
        Api.Response filed = api.post("/dossiers", citizen, filing, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, filed.status(), filed.body());
        return filed.json().path("code").asText();
    }

    static long catalogItems() {
        var suite = Suite.suite();
        return AwsClients.dynamo().scan(b -> b.tableName(suite.names().tableName("CatalogTable")).select(Select.COUNT)).count();
    }
}
