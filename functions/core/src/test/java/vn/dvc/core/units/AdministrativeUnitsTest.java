package vn.dvc.core.units;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdministrativeUnitsTest {

    private static final LocalDate NOW = LocalDate.of(2026, 1, 15);
    private static final LocalDate BEFORE_REFORM = LocalDate.of(2025, 6, 1);
    private final AdministrativeUnits units = AdministrativeUnits.get();

    @Test
    void printsLoadTime() {
        long start = System.nanoTime();
        AdministrativeUnits fresh = AdministrativeUnits.load();
        long current = System.nanoTime();
        fresh.search("thu duc", 5);
        long currentIndex = System.nanoTime();
        int oldCommunes = fresh.oldCommuneCount();
        long oldUnits = System.nanoTime();
        fresh.search("phuc xa", 5, true);
        long oldIndex = System.nanoTime();
        fresh.search("ba dinh ha noi", 5, true);
        long nextSearch = System.nanoTime();
        System.out.printf("AdministrativeUnits: current units %.1f ms, old units %.1f ms, search index %.1f ms"
                        + " (+ old %.1f ms), next search %.2f ms%n",
                ms(current - start), ms(oldUnits - currentIndex), ms(currentIndex - current),
                ms(oldIndex - oldUnits), ms(nextSearch - oldIndex));
        assertEquals(3321, fresh.communeCount());
        assertEquals(10047, oldCommunes);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    @Test
    void getIsOneInstanceAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AdministrativeUnits>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(AdministrativeUnits::get));
            }
            for (Future<AdministrativeUnits> future : futures) {
                assertSame(units, future.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void countsMatchTheDecisionAndTheMapping() {
        assertEquals(34, units.provinceCount());
        assertEquals(3321, units.communeCount());
        assertEquals(10047, units.oldCommuneCount());
        assertEquals(696, units.oldDistrictCount());
        assertEquals(63, units.oldProvinceCount());
        assertEquals(10604, units.mappingRows().size());
        assertEquals(units.communeCount(),
                units.provinces().stream().mapToInt(p -> units.communesOf(p.code()).size()).sum());
    }

    @Test
    void countsPerType() {
        Map<UnitType, Long> communeTypes = units.communes().stream()
                .collect(Collectors.groupingBy(Commune::type, Collectors.counting()));
        assertEquals(2621L, communeTypes.get(UnitType.COMMUNE));
        assertEquals(687L, communeTypes.get(UnitType.WARD));
        assertEquals(13L, communeTypes.get(UnitType.SPECIAL_ZONE));
        Map<UnitType, Long> provinceTypes = units.provinces().stream()
                .collect(Collectors.groupingBy(Province::type, Collectors.counting()));
        assertEquals(28L, provinceTypes.get(UnitType.PROVINCE));
        assertEquals(6L, provinceTypes.get(UnitType.CITY));
    }

    @Test
    void lookupsByCode() {
        Commune baDinh = units.commune("00004").orElseThrow();
        assertEquals("Ba Đình", baDinh.name());
        assertEquals(UnitType.WARD, baDinh.type());
        assertEquals("01", baDinh.provinceCode());
        assertEquals("Phường Ba Đình", baDinh.fullName());
        assertEquals("Thành phố Hà Nội", units.province("01").orElseThrow().fullName());
        assertTrue(units.commune("99999").isEmpty());
        assertTrue(units.commune(null).isEmpty());
        assertTrue(units.province("02").isEmpty(), "02 was Hà Giang, not a current province");
        assertTrue(units.communesOf("01").stream().allMatch(c -> c.provinceCode().equals("01")));
        assertTrue(units.communesOf("99").isEmpty());
    }

    @Test
    void codeFormatChecks() {
        assertTrue(AdministrativeUnits.isCommuneCode("00001"));
        assertFalse(AdministrativeUnits.isCommuneCode("0001"));
        assertFalse(AdministrativeUnits.isCommuneCode("0000a"));
        assertFalse(AdministrativeUnits.isCommuneCode("０００１２"), "full-width digits are not a code");
        assertFalse(AdministrativeUnits.isCommuneCode(null));
        assertTrue(AdministrativeUnits.isProvinceCode("79"));
        assertFalse(AdministrativeUnits.isProvinceCode("7"));
        assertFalse(AdministrativeUnits.isProvinceCode(" 79"));
    }

    @Test
    void currentCommuneResolvesToItself() {
        var current = assertInstanceOf(UnitResolution.Current.class, units.resolve("00004", NOW));
        assertEquals("00004", current.unit().code());
        // Old 00004 (Trúc Bạch) went wholly into the new 00004: no different former meaning to report.
        assertNull(current.formerMeaning());
        assertEquals("Phường Ba Đình", current.fullName());
    }

    @Test
    void currentCodeThatWasAlsoASplitOldCommuneExposesBothReadings() {
        // 00097 is the new Phường Hồng Hà, and was the old Phường Tứ Liên, split into 00097 and 00103.
        var current = assertInstanceOf(UnitResolution.Current.class, units.resolve("00097", NOW));
        assertEquals("Hồng Hà", current.unit().name());
        var former = assertInstanceOf(UnitResolution.Split.class, current.formerMeaning());
        assertEquals("Phường Tứ Liên", former.oldUnit().name());
        assertEquals(Set.of("00097", "00103"), codes(former.candidates()));

        // Recorded before the reform, the code can only have meant the old unit.
        var old = assertInstanceOf(UnitResolution.Split.class, units.resolve("00097", BEFORE_REFORM));
        assertEquals("Phường Tứ Liên", old.oldUnit().name());
    }

    @Test
    void oldCommuneMergedFully() {
        var merged = assertInstanceOf(UnitResolution.Merged.class, units.resolve("00001", NOW));
        assertEquals("Phường Phúc Xá", merged.oldUnit().name());
        var successor = assertInstanceOf(Commune.class, merged.successor());
        assertEquals("00097", successor.code());
        assertEquals("Hồng Hà", successor.name());
    }

    @Test
    void oldCommuneSplitGivesAllCandidates() {
        // Old Phường Điện Biên (Ba Đình district) has 4 "partial" rows in old-to-new.csv.
        var split = assertInstanceOf(UnitResolution.Split.class, units.resolve("00019", NOW));
        assertEquals("Phường Điện Biên", split.oldUnit().name());
        assertTrue(split.oldUnit().isSplit());
        assertEquals(Set.of("00004", "00070", "00190", "00226"), codes(split.candidates()));
        assertEquals("01", split.province().code());
        assertTrue(split.oldUnit().rows().stream().allMatch(r -> r.portion() == MappingRow.Portion.PARTIAL));
    }

    @Test
    void everyOldCommuneResolvesToTheRowsOfTheFile() throws IOException {
        // Independent reading of old-to-new.csv (quotes only ever appear in the last column, the note).
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (String[] row : naiveRows("old-to-new.csv", 11)) {
            if (!row[0].isEmpty()) {
                expected.computeIfAbsent(row[0], k -> new LinkedHashSet<>()).add(row[6]);
            }
        }
        assertEquals(10047, expected.size());
        int splits = 0;
        for (var entry : expected.entrySet()) {
            UnitResolution resolution = units.resolveOld(entry.getKey()).orElseThrow();
            Set<String> actual = switch (resolution) {
                case UnitResolution.Merged m -> Set.of(m.successor().code());
                case UnitResolution.Split s -> codes(s.candidates());
                default -> Set.of();
            };
            assertEquals(entry.getValue(), actual, entry.getKey());
            if (resolution instanceof UnitResolution.Split) {
                splits++;
            }
        }
        assertEquals(460, splits, "SOURCE.md: 460 old communes are split");
    }

    @Test
    void oldDistrictResolvesToItsProvinceAndCommunes() {
        var district = assertInstanceOf(UnitResolution.DistrictAbolished.class, units.resolve("001", NOW));
        assertEquals("Quận Ba Đình", district.oldUnit().name());
        assertEquals("01", district.province().code());
        assertEquals(Set.of("00004", "00008", "00025", "00070", "00097", "00190", "00199", "00226"),
                codes(district.communes()));
        assertFalse(district.oldUnit().hadNoCommunes());
    }

    @Test
    void theFiveIslandDistrictsBecameSpecialZones() {
        Map<String, String> expected = Map.of(
                "318", "11948:31", "471", "19742:44", "498", "20333:48", "536", "21548:51", "755", "26732:79");
        expected.forEach((districtCode, target) -> {
            var district = assertInstanceOf(UnitResolution.DistrictAbolished.class, units.resolve(districtCode, NOW));
            assertTrue(district.oldUnit().hadNoCommunes(), districtCode);
            assertEquals(1, district.communes().size(), districtCode);
            Commune zone = district.communes().get(0);
            assertEquals(target, zone.code() + ":" + district.province().code());
            assertEquals(UnitType.SPECIAL_ZONE, zone.type());
            assertEquals(district.oldUnit().name().replace("Huyện ", ""), zone.name());
        });
    }

    @Test
    void oldProvinces() {
        var haGiang = assertInstanceOf(UnitResolution.Merged.class, units.resolve("02", NOW));
        assertEquals("Tỉnh Hà Giang", haGiang.oldUnit().name());
        assertEquals("Tuyên Quang", haGiang.successor().name());
        assertInstanceOf(Province.class, haGiang.successor());

        // 08 is both the current and the old Tuyên Quang, which went wholly into the current one.
        var tuyenQuang = assertInstanceOf(UnitResolution.Current.class, units.resolve("08", NOW));
        assertEquals("Tuyên Quang", tuyenQuang.unit().name());
        assertNull(tuyenQuang.formerMeaning());

        var bacKan = assertInstanceOf(UnitResolution.Merged.class, units.resolve("06", NOW));
        assertEquals("19", bacKan.successor().code());
    }

    @Test
    void unknownAndMalformedCodes() {
        for (String code : List.of("99999", "999", "00", "03")) {
            var unknown = assertInstanceOf(UnitResolution.Unknown.class, units.resolve(code, NOW), code);
            assertFalse(unknown.malformed(), code);
        }
        List<String> malformed = new ArrayList<>(List.of("1", "1234", "123456", "0000a", "", " 00004"));
        malformed.add(null);
        for (String code : malformed) {
            var unknown = assertInstanceOf(UnitResolution.Unknown.class, units.resolve(code, NOW), String.valueOf(code));
            assertTrue(unknown.malformed(), String.valueOf(code));
        }
    }

    @Test
    void iaMoKeepsItsOldCodeAndIaMoNongWentToIaLy() {
        Commune iaMo = units.commune("23938").orElseThrow();
        assertEquals("Ia Mơ", iaMo.name());
        assertEquals("52", iaMo.provinceCode());
        var kept = assertInstanceOf(UnitResolution.Merged.class, units.resolveOld("23938").orElseThrow());
        assertEquals("23938", kept.successor().code());
        assertNull(assertInstanceOf(UnitResolution.Current.class, units.resolve("23938", NOW)).formerMeaning());

        // 23737 (printed for Ia Mơ in Công văn 1027) is the old Ia Mơ Nông, merged into xã Ia Ly.
        assertTrue(units.commune("23737").isEmpty());
        var iaMoNong = assertInstanceOf(UnitResolution.Merged.class, units.resolve("23737", NOW));
        assertEquals("Xã Ia Mơ Nông", iaMoNong.oldUnit().name());
        assertEquals("Ia Ly", iaMoNong.successor().name());
    }

    @Test
    void baChe_usesTheOfficialCode06970() {
        Commune baChe = units.commune("06970").orElseThrow();
        assertEquals("Ba Chẽ", baChe.name());
        assertEquals("22", baChe.provinceCode());
        assertTrue(units.commune("06978").isEmpty());
        assertFalse(assertInstanceOf(UnitResolution.Unknown.class, units.resolve("06978", NOW)).malformed());
    }

    @Test
    void typeChangesApplyFromTheirEffectiveDate() {
        LocalDate dayBefore = LocalDate.of(2026, 4, 29);
        LocalDate effective = LocalDate.of(2026, 4, 30);
        Province dongNai = units.province("75").orElseThrow();
        assertEquals(UnitType.PROVINCE, dongNai.type(), "the 1 July 2025 type stays available");
        assertEquals(UnitType.PROVINCE, dongNai.typeOn(dayBefore));
        assertEquals("Tỉnh Đồng Nai", dongNai.fullNameOn(dayBefore));
        assertEquals(UnitType.CITY, dongNai.typeOn(effective));
        assertEquals("Thành phố Đồng Nai", dongNai.fullNameOn(effective));
        assertTrue(dongNai.typeChanges().get(0).confirmedInData());

        long wardsBefore = units.communesOf("75").stream().filter(c -> c.typeOn(dayBefore) == UnitType.WARD).count();
        long wardsAfter = units.communesOf("75").stream().filter(c -> c.typeOn(effective) == UnitType.WARD).count();
        assertEquals(10, wardsAfter - wardsBefore);
        Commune trangBom = units.commune("26248").orElseThrow();
        assertEquals("Xã Trảng Bom", trangBom.fullNameOn(dayBefore));
        assertEquals("Phường Trảng Bom", trangBom.fullNameOn(effective));

        var resolved = assertInstanceOf(UnitResolution.Current.class, units.resolve("75", effective));
        assertEquals(UnitType.CITY, resolved.type());

        Province quangNinh = units.province("22").orElseThrow();
        assertEquals(UnitType.PROVINCE, quangNinh.typeOn(LocalDate.of(2026, 8, 31)));
        assertEquals(UnitType.CITY, quangNinh.typeOn(LocalDate.of(2026, 9, 1)));
        assertFalse(quangNinh.typeChanges().get(0).confirmedInData(), "only reported, not in the dataset");
        assertTrue(units.province("01").orElseThrow().typeChanges().isEmpty());
    }

    @Test
    void searchIgnoresDiacriticsAndCase() {
        UnitMatch first = units.search("thu duc", 5).get(0);
        assertEquals("26824", first.code());
        assertEquals("Thủ Đức", first.name());
        assertEquals(UnitMatch.Quality.EXACT, first.quality());
        assertEquals("79", first.provinceCode());

        // Wrong diacritics and case still fold to the same name.
        assertEquals("26824", units.search("THỦ DÚC", 5).get(0).code());
        assertEquals("26824", units.search("Phuong Thu Duc", 5).get(0).code());
    }

    @Test
    void searchRanksExactThenPrefixThenContains() {
        List<UnitMatch> baDinh = units.search("ba dinh", 50);
        Set<String> exact = baDinh.stream().filter(m -> m.quality() == UnitMatch.Quality.EXACT)
                .map(UnitMatch::code).collect(Collectors.toSet());
        // Phường Ba Đình (Hà Nội), Xã Ba Đình (Thanh Hóa) and Xã Ba Dinh (Quảng Ngãi, spelled without marks).
        assertEquals(Set.of("00004", "16171", "21499"), exact);
        assertOrderedByQuality(baDinh);
        // Among equal matches, the one spelled exactly as typed comes first.
        assertEquals("21499", units.search("Ba Dinh", 3).get(0).code());
        assertEquals(Set.of("00004", "16171"), units.search("Ba Đình", 3).subList(0, 2).stream()
                .map(UnitMatch::code).collect(Collectors.toSet()));

        List<UnitMatch> tan = units.search("tan", 500);
        assertOrderedByQuality(tan);
        assertTrue(tan.stream().anyMatch(m -> m.quality() == UnitMatch.Quality.PREFIX));
        assertTrue(tan.stream().anyMatch(m -> m.quality() == UnitMatch.Quality.CONTAINS));
        assertEquals(3, units.search("tan", 3).size());
        assertTrue(units.search("   ", 10).isEmpty());
        assertTrue(units.search("ba dinh", 0).isEmpty());
    }

    @Test
    void searchByProvinceNameAndProvinceQualifiedQuery() {
        UnitMatch haNoi = units.search("ha noi", 5).get(0);
        assertEquals(UnitMatch.Kind.PROVINCE, haNoi.kind());
        assertEquals("01", haNoi.code());
        assertEquals("01", units.search("Thành phố Hà Nội", 5).get(0).code());

        assertEquals("00004", units.search("ba dinh ha noi", 5).get(0).code());
        assertEquals("16171", units.search("ba dinh, thanh hoa", 5).get(0).code());
        assertEquals("16171", units.search("Thanh Hóa Ba Đình", 5).get(0).code());
    }

    @Test
    void searchCanIncludeOldUnitsWithTheirSuccessors() {
        assertTrue(units.search("phuc xa", 20).stream().noneMatch(UnitMatch::old));
        UnitMatch phucXa = units.search("phuc xa", 20, true).stream()
                .filter(m -> m.kind() == UnitMatch.Kind.OLD_COMMUNE && m.code().equals("00001"))
                .findFirst().orElseThrow();
        assertEquals(UnitMatch.Quality.EXACT, phucXa.quality());
        assertEquals(List.of("00097"), phucXa.successorCodes());
        assertEquals("01", phucXa.provinceCode());

        UnitMatch haGiang = units.search("ha giang", 5, true).stream()
                .filter(m -> m.kind() == UnitMatch.Kind.OLD_PROVINCE).findFirst().orElseThrow();
        assertEquals(List.of("08"), haGiang.successorCodes());
        assertEquals("Tỉnh Tuyên Quang", haGiang.provinceName());
    }

    private static void assertOrderedByQuality(List<UnitMatch> matches) {
        for (int i = 1; i < matches.size(); i++) {
            assertTrue(matches.get(i - 1).quality().compareTo(matches.get(i).quality()) <= 0,
                    "out of order at " + i + ": " + matches);
        }
    }

    private static Set<String> codes(List<Commune> communes) {
        Set<String> codes = new HashSet<>();
        communes.forEach(c -> codes.add(c.code()));
        return Collections.unmodifiableSet(codes);
    }

    private static List<String[]> naiveRows(String file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                AdministrativeUnitsTest.class.getResourceAsStream("/data/admin-units/" + file),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line.split(",", columns));
            }
        }
        return rows;
    }
}
