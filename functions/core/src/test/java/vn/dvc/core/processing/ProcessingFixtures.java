package vn.dvc.core.processing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.security.Role;

final class ProcessingFixtures {
    /** Marriage registration: commune People's Committee, 5 working days. */
    static final String MARRIAGE = "1.000894";

    private ProcessingFixtures() {}

    static Procedure marriage() {
        return ProcedureCatalog.bundled().byCode(MARRIAGE).orElseThrow();
    }

    static ProcedureSource catalog() {
        ProcedureCatalog catalog = ProcedureCatalog.bundled();
        return new ProcedureSource() {
            @Override
            public Optional<Procedure> current(String code) {
                return catalog.byCode(code);
            }

            @Override
            public Optional<Procedure> version(String code, int version) {
                return catalog.byCode(code).filter(p -> p.version() == version);
            }
        };
    }

    static Dossier dossier(String code, DossierStatus status, String agencyId, Instant at) {
        Procedure p = marriage();
        return new Dossier(code, p.code(), p.version(), status, 3, agencyId, "00004", "01", Channel.ONLINE, null,
                "key", new Actor(Role.CITIZEN, "citizen-1", null), at, at, null, Map.of(), Map.of());
    }

    static List<Component> components(Instant at) {
        return List.of(
                new Component("to-khai-dang-ky-ket-hon", true, ComponentState.RECEIVED, "uploads/x", "application/pdf",
                        1000, "ab", 10L, null, null, at),
                new Component("giay-to-tuy-than", true, ComponentState.SUBSTITUTED, null, null, 1000, null, null,
                        "POPULATION", null, at));
    }

    static Instant vn(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atOffset(java.time.ZoneOffset.ofHours(7)).toInstant();
    }

    static LocalDate date(String d) {
        return LocalDate.parse(d);
    }
}
