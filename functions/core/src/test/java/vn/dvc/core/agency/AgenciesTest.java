package vn.dvc.core.agency;

import org.junit.jupiter.api.Test;
import vn.dvc.core.text.LocalizedText;
import vn.dvc.core.units.AdministrativeUnits;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgenciesTest {

    private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
    private static final Set<AgencyKind> PROVINCE_KINDS_REQUIRED = EnumSet.of(AgencyKind.SERVICE_CENTRE,
            AgencyKind.POLICE, AgencyKind.JUSTICE, AgencyKind.HOME_AFFAIRS, AgencyKind.AGRICULTURE_ENVIRONMENT,
            AgencyKind.FINANCE, AgencyKind.CONSTRUCTION, AgencyKind.HEALTH);

    private final AdministrativeUnits units = AdministrativeUnits.get();
    private final Agencies agencies = Agencies.generate(units, DATE);

    @Test
    void printsGenerationTime() {
        long start = System.nanoTime();
        Agencies fresh = Agencies.generate(units, DATE);
        Agency police = fresh.find("26824", AgencyLevel.COMMUNE, AgencyKind.POLICE);
        long first = System.nanoTime();
        List<Agency> all = fresh.all();
        long everything = System.nanoTime();
        System.out.printf("Agencies: first find %.2f ms, all %d agencies %.1f ms%n",
                (first - start) / 1e6, all.size(), (everything - first) / 1e6);
        assertEquals("X26824.CA", police.id());
        assertEquals(fresh.size(), all.size());
    }

    @Test
    void threePerCommuneAndTheSameSetPerProvince() {
        int perProvince = AgencyKind.at(AgencyLevel.PROVINCE).size();
        assertTrue(perProvince >= PROVINCE_KINDS_REQUIRED.size());
        assertEquals(3 * 3321, agencies.count(AgencyLevel.COMMUNE));
        assertEquals(perProvince * 34, agencies.count(AgencyLevel.PROVINCE));
        assertEquals(3 * 3321 + perProvince * 34, agencies.size());

        for (var commune : units.communesOf("79")) {
            assertEquals(EnumSet.of(AgencyKind.PEOPLES_COMMITTEE, AgencyKind.SERVICE_CENTRE, AgencyKind.POLICE),
                    kinds(agencies.ofUnit(commune.code())));
        }
        for (var province : units.provinces()) {
            Set<AgencyKind> kinds = kinds(agencies.ofUnit(province.code()));
            assertTrue(kinds.containsAll(PROVINCE_KINDS_REQUIRED), province.code());
            assertEquals(perProvince, agencies.ofUnit(province.code()).size());
        }
        assertTrue(agencies.ofUnit("99999").isEmpty());
    }

    @Test
    void idsAreDeterministicAndUrlSafe() {
        assertTrue(agencies.all().stream().allMatch(a -> a.id().matches("[A-Z0-9.]+")));
        assertTrue(agencies.all().stream().allMatch(Agency::generated));
        assertEquals(agencies.size(), agencies.all().stream().map(Agency::id).distinct().count());
        Agency ubnd = agencies.byId("X00004.UBND").orElseThrow();
        assertEquals("Ủy ban nhân dân phường Ba Đình, thành phố Hà Nội", ubnd.name().vi());
        assertEquals("People's Committee of Ba Đình ward, Hà Nội city", ubnd.name().en());
        assertEquals("01", ubnd.provinceCode());
        assertNull(ubnd.address());
        assertNull(ubnd.hotline());
        assertEquals("Công an phường Ba Đình, thành phố Hà Nội", agencies.byId("X00004.CA").orElseThrow().name().vi());
        assertEquals("Sở Tư pháp thành phố Hà Nội", agencies.byId("T01.STP").orElseThrow().name().vi());
        assertEquals("Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang",
                agencies.byId("T08.TTPVHCC").orElseThrow().name().vi());
        assertEquals(Agencies.generate(units, DATE).byId("T01.CA"), agencies.byId("T01.CA"));
        for (String notAnAgency : List.of("x00004.ubnd", "X99999.CA", "X00004.STP", "T01.UBND.X", "T01.", "Q01.CA",
                "X00001.CA" /* old code */)) {
            assertTrue(agencies.byId(notAnAgency).isEmpty(), notAnAgency);
        }
        assertTrue(agencies.byId(null).isEmpty());
    }

    @Test
    void namesFollowTypeChangesOfTheGenerationDate() {
        Agencies before = Agencies.generate(units, LocalDate.of(2026, 4, 29));
        Agencies after = Agencies.generate(units, LocalDate.of(2026, 4, 30));
        assertEquals("Sở Y tế tỉnh Đồng Nai", before.byId("T75.SYT").orElseThrow().name().vi());
        assertEquals("Sở Y tế thành phố Đồng Nai", after.byId("T75.SYT").orElseThrow().name().vi());
        assertEquals("Công an phường Trảng Bom, thành phố Đồng Nai", after.byId("X26248.CA").orElseThrow().name().vi());
    }

    @Test
    void findAtCommuneAndProvinceLevel() {
        assertEquals("X26824.CA", agencies.find("26824", AgencyLevel.COMMUNE, AgencyKind.POLICE).id());
        assertEquals("X26824.TTPVHCC", agencies.find("26824", AgencyLevel.COMMUNE, AgencyKind.SERVICE_CENTRE).id());
        // Province level: the department of the commune's province (26824 Thủ Đức is in 79).
        assertEquals("T79.CA", agencies.find("26824", AgencyLevel.PROVINCE, AgencyKind.POLICE).id());
        assertEquals("T79.SNNMT",
                agencies.find("26824", AgencyLevel.PROVINCE, AgencyKind.AGRICULTURE_ENVIRONMENT).id());
        assertEquals("T01.STC", agencies.find("00004", AgencyLevel.PROVINCE, AgencyKind.FINANCE).id());

        assertThrows(IllegalArgumentException.class,
                () -> agencies.find("26824", AgencyLevel.COMMUNE, AgencyKind.JUSTICE));
        assertThrows(NoSuchElementException.class,
                () -> agencies.find("00001", AgencyLevel.COMMUNE, AgencyKind.POLICE), "old code, not current");
    }

    @Test
    void operatorOverridesWin() {
        Agency real = new Agency("X00004.TTPVHCC",
                LocalizedText.of("Trung tâm Phục vụ hành chính công phường Ba Đình",
                        "Ba Đình Ward Public Administration Service Centre"),
                AgencyLevel.COMMUNE, AgencyKind.SERVICE_CENTRE, "00004", "01", "an address from the operator",
                "0240000000", false);
        Agencies overridden = agencies.withOverrides(List.of(real));

        assertSame(real, overridden.byId("X00004.TTPVHCC").orElseThrow());
        assertSame(real, overridden.find("00004", AgencyLevel.COMMUNE, AgencyKind.SERVICE_CENTRE));
        assertTrue(overridden.ofUnit("00004").contains(real));
        assertEquals(agencies.size(), overridden.size());
        assertTrue(agencies.byId("X00004.TTPVHCC").orElseThrow().generated(), "the original is unchanged");
        assertEquals(agencies.byId("X00004.UBND"), overridden.byId("X00004.UBND"));
    }

    @Test
    void invalidAgenciesAndOverridesAreRejected() {
        LocalizedText name = LocalizedText.of("x", "x");
        assertThrows(IllegalArgumentException.class, () -> new Agency("X00004.TTPVHCC", name,
                AgencyLevel.COMMUNE, AgencyKind.POLICE, "00004", "01", null, null, false), "id/kind mismatch");
        assertThrows(IllegalArgumentException.class, () -> new Agency("X00004.STP", name,
                AgencyLevel.COMMUNE, AgencyKind.JUSTICE, "00004", "01", null, null, false), "no commune Sở");
        assertThrows(IllegalArgumentException.class, () -> new Agency("x00004.ca", name,
                AgencyLevel.COMMUNE, AgencyKind.POLICE, "00004", "01", null, null, false));

        Agency unknownUnit = new Agency("X99999.CA", name, AgencyLevel.COMMUNE, AgencyKind.POLICE, "99999", "01",
                null, null, false);
        assertThrows(IllegalArgumentException.class, () -> agencies.withOverrides(List.of(unknownUnit)));
        Agency wrongProvince = new Agency("X00004.CA", name, AgencyLevel.COMMUNE, AgencyKind.POLICE, "00004", "79",
                null, null, false);
        assertThrows(IllegalArgumentException.class, () -> agencies.withOverrides(List.of(wrongProvince)));
        Agency ok = new Agency("X00004.CA", name, AgencyLevel.COMMUNE, AgencyKind.POLICE, "00004", "01",
                null, null, false);
        assertThrows(IllegalArgumentException.class, () -> agencies.withOverrides(List.of(ok, ok)));
        assertFalse(agencies.withOverrides(List.of(ok)).byId("X00004.CA").orElseThrow().generated());
    }

    private static Set<AgencyKind> kinds(List<Agency> list) {
        return list.stream().map(Agency::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(AgencyKind.class)));
    }
}
