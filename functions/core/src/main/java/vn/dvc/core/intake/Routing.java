package vn.dvc.core.intake;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.dvc.core.agency.Agencies;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.agency.AgencyKind;
import vn.dvc.core.agency.AgencyLevel;
import vn.dvc.core.catalog.HandlingLevel;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.text.LocalizedText;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.units.Commune;
import vn.dvc.core.units.UnitResolution;

/**
 * Two-level routing: the procedure's handling level (commune or province) and the applicant's commune give the
 * receiving agency. Old unit codes resolve to the new unit first; an old commune that was split needs the citizen
 * (or an official) to choose the new commune.
 */
public final class Routing {
    private static volatile Agencies agencies;
    // ---- catalog (issue 3): agencies with the values operators replaced (PUT /agencies/{id}), when a function
    // installs them; the generated ones otherwise, and whenever the replacements cannot be read
    private static volatile java.util.function.Supplier<Agencies> live;

    private Routing() {}

    /** Serve agencies from {@code source} (generated + operator replacements) from now on; null: generated only. */
    public static void useAgencies(java.util.function.Supplier<Agencies> source) {
        live = source;
    }

    public static Agencies agencies() {
        java.util.function.Supplier<Agencies> source = live;
        if (source != null) {
            try {
                return source.get();
            } catch (RuntimeException e) {
                // a name on a slip is not worth a failed filing: the generated agencies have the same ids
            }
        }
        return generatedAgencies();
    }

    private static Agencies generatedAgencies() {
        if (agencies == null) {
            synchronized (Routing.class) {
                if (agencies == null) {
                    agencies = Agencies.generate(AdministrativeUnits.get(), LocalDate.now());
                }
            }
        }
        return agencies;
    }

    /** The current commune for a code as citizens and old systems write it (new or old commune code). */
    public static Commune commune(String code, LocalDate asOf) {
        if (!AdministrativeUnits.isCommuneCode(code)) {
            throw ApiException.badRequest("MALFORMED_COMMUNE_CODE", "Mã xã/phường phải có 5 chữ số.",
                    "A commune code has 5 digits.");
        }
        UnitResolution resolution = AdministrativeUnits.get().resolve(code, asOf);
        if (resolution instanceof UnitResolution.Current current && current.unit() instanceof Commune c) {
            return c;
        }
        if (resolution instanceof UnitResolution.Merged merged && merged.successor() instanceof Commune c) {
            return c;
        }
        if (resolution instanceof UnitResolution.Split split) {
            throw new ApiException(422, "COMMUNE_SPLIT", LocalizedText.of(
                    "Xã/phường cũ này đã được chia cho nhiều xã/phường mới; hãy chọn xã/phường mới theo địa chỉ.",
                    "This old commune was split between several new communes; choose the new one by address."),
                    split.candidates().stream().map(c -> Map.<String, Object>of("code", c.code(), "name", c.fullName())).toList());
        }
        throw ApiException.notFound("COMMUNE_NOT_FOUND", "Không tìm thấy xã/phường với mã này.", "No commune has this code.");
    }

    /**
     * Routes a dossier: old commune codes resolve to their successor first; an old commune split between several new
     * communes goes to the candidate the applicant chose ({@code chosenCommuneCode}, "enough address detail") or,
     * without a valid choice, to the province's manual routing queue (held by the provincial service centre).
     */
    public static RoutingDecision route(Procedure procedure, String communeCode, String chosenCommuneCode, LocalDate asOf) {
        if (!AdministrativeUnits.isCommuneCode(communeCode)) {
            throw ApiException.badRequest("MALFORMED_COMMUNE_CODE", "Mã xã/phường phải có 5 chữ số.",
                    "A commune code has 5 digits.");
        }
        UnitResolution resolution = AdministrativeUnits.get().resolve(communeCode, asOf);
        if (resolution instanceof UnitResolution.Split split) {
            Commune chosen = split.candidates().stream().filter(c -> c.code().equals(chosenCommuneCode)).findFirst().orElse(null);
            if (chosen != null) {
                return new RoutingDecision.Routed(receivingAgency(procedure, chosen), chosen, communeCode);
            }
            String province = split.candidates().get(0).provinceCode();
            receivingAgency(procedure, split.candidates().get(0)); // the procedure must still be routable
            Agency queue = agencies().byId(Agency.idOf(AgencyLevel.PROVINCE, province, AgencyKind.SERVICE_CENTRE)).orElseThrow();
            return new RoutingDecision.ManualQueue(queue, communeCode, province, split.candidates());
        }
        Commune commune = commune(communeCode, asOf);
        return new RoutingDecision.Routed(receivingAgency(procedure, commune), commune,
                commune.code().equals(communeCode) ? null : communeCode);
    }

    /** The agency that receives a procedure's dossiers from a commune. */
    public static Agency receivingAgency(Procedure procedure, Commune commune) {
        HandlingLevel level = procedure.level();
        if (level == null || level == HandlingLevel.CENTRAL || procedure.agencyKind() == null) {
            throw new ApiException(422, "PROCEDURE_NOT_ROUTABLE", LocalizedText.of(
                    "Thủ tục này không được tiếp nhận tại cấp xã hoặc cấp tỉnh qua hệ thống này.",
                    "This procedure is not received at commune or province level through this system."), List.of());
        }
        AgencyKind kind = AgencyKind.valueOf(procedure.agencyKind());
        AgencyLevel agencyLevel = level == HandlingLevel.COMMUNE ? AgencyLevel.COMMUNE : AgencyLevel.PROVINCE;
        return agencies().find(commune.code(), agencyLevel, kind);
    }
}
