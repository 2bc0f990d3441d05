package vn.dvc.core.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.dvc.core.intake.Routing;
import vn.dvc.core.intake.RoutingDecision;

class RoutingDecisionTest {
    static final LocalDate NOW = LocalDate.of(2025, 10, 6);

    @Test
    void currentCommuneRoutesToItsPeoplesCommittee() {
        var routed = assertInstanceOf(RoutingDecision.Routed.class, Routing.route(ProcessingFixtures.marriage(), "00004", null, NOW));
        assertEquals("X00004.UBND", routed.agency().id());
        assertNull(routed.resolvedFrom());
    }

    @Test
    void oldCommuneCodeResolvesToItsSuccessorFirst() {
        // Old Phường Phúc Xá (00001) went wholly into the new Phường Hồng Hà (00097).
        var routed = assertInstanceOf(RoutingDecision.Routed.class, Routing.route(ProcessingFixtures.marriage(), "00001", null, NOW));
        assertEquals("X00097.UBND", routed.agency().id());
        assertEquals("00001", routed.resolvedFrom());
    }

    @Test
    void splitCommuneWithoutAChoiceGoesToTheProvinceManualQueue() {
        // Old Phường Điện Biên (00019) was split into 00004, 00070, 00190, 00226.
        var manual = assertInstanceOf(RoutingDecision.ManualQueue.class, Routing.route(ProcessingFixtures.marriage(), "00019", null, NOW));
        assertEquals("T01.TTPVHCC", manual.agency().id());
        assertEquals("01", manual.provinceCode());
        assertEquals(Set.of("00004", "00070", "00190", "00226"),
                manual.candidates().stream().map(c -> c.code()).collect(Collectors.toSet()));
        // a choice that is not a candidate is not enough detail either
        assertInstanceOf(RoutingDecision.ManualQueue.class, Routing.route(ProcessingFixtures.marriage(), "00019", "00097", NOW));
    }

    @Test
    void splitCommuneWithTheChosenNewCommuneIsRouted() {
        var routed = assertInstanceOf(RoutingDecision.Routed.class, Routing.route(ProcessingFixtures.marriage(), "00019", "00070", NOW));
        assertEquals("X00070.UBND", routed.agency().id());
        assertEquals("00019", routed.resolvedFrom());
    }

    @Test
    void provinceLevelProcedureRoutesToTheProvinceDepartment() {
        var passport = vn.dvc.core.catalog.ProcedureCatalog.bundled().byCode("1.001456").orElseThrow();
        var routed = assertInstanceOf(RoutingDecision.Routed.class, Routing.route(passport, "00001", null, NOW));
        assertEquals("T01.CA", routed.agency().id());
    }
}
