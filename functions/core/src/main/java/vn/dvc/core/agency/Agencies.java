package vn.dvc.core.agency;

import vn.dvc.core.text.LocalizedText;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.units.Commune;
import vn.dvc.core.units.CurrentUnit;
import vn.dvc.core.units.Province;
import vn.dvc.core.units.UnitType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The agencies of the two-level local government: for every commune its People's Committee, public administration
 * service centre and police; for every province its service centre, People's Committee, police and the
 * departments in {@link AgencyKind}. Immutable.
 *
 * <p>Generated from the administrative units: names are built from the unit names ("Ủy ban nhân dân phường Ba
 * Đình, thành phố Hà Nội"), addresses and hotlines are unknown (null) and official electronic identification codes
 * (Decision 20/2020/QĐ-TTg) are not available — every generated agency is marked {@code generated=true}. An
 * operator supplies real values with {@link #withOverrides(Collection)}.
 */
public final class Agencies {

    private final AdministrativeUnits units;
    private final Map<String, Agency> byId;
    private final Map<String, List<Agency>> byUnit;

    private Agencies(AdministrativeUnits units, Map<String, Agency> byId) {
        this.units = units;
        this.byId = Collections.unmodifiableMap(byId);
        Map<String, List<Agency>> grouped = new HashMap<>();
        for (Agency agency : byId.values()) {
            grouped.computeIfAbsent(agency.unitCode(), k -> new ArrayList<>()).add(agency);
        }
        grouped.replaceAll((k, list) -> List.copyOf(list));
        this.byUnit = grouped;
    }

    /**
     * Generates the agencies of every current unit.
     *
     * @param namesAsOf the date whose unit types appear in the names (Đồng Nai is "tỉnh" before 30/04/2026 and
     *                  "thành phố" from then on)
     */
    public static Agencies generate(AdministrativeUnits units, LocalDate namesAsOf) {
        Objects.requireNonNull(namesAsOf, "namesAsOf");
        Map<String, Agency> agencies = new LinkedHashMap<>(units.communeCount() * 6);
        for (Province province : units.provinces()) {
            for (AgencyKind kind : AgencyKind.at(AgencyLevel.PROVINCE)) {
                add(agencies, generated(AgencyLevel.PROVINCE, kind, province, null, namesAsOf));
            }
        }
        for (Commune commune : units.communes()) {
            Province province = units.province(commune.provinceCode()).orElseThrow();
            for (AgencyKind kind : AgencyKind.at(AgencyLevel.COMMUNE)) {
                add(agencies, generated(AgencyLevel.COMMUNE, kind, commune, province, namesAsOf));
            }
        }
        return new Agencies(units, agencies);
    }

    private static Agency generated(AgencyLevel level, AgencyKind kind, CurrentUnit unit, Province province,
                                    LocalDate asOf) {
        String vi = kind.vietnamese() + " " + inlineName(unit, asOf);
        String en = kind.english() + " of " + englishName(unit, asOf);
        if (province != null) {
            vi += ", " + inlineName(province, asOf);
            en += ", " + englishName(province, asOf);
        }
        return new Agency(Agency.idOf(level, unit.code(), kind), LocalizedText.of(vi, en), level, kind,
                unit.code(), unit.provinceCode(), null, null, true);
    }

    /** "phường Ba Đình": the type word stays lower case inside an agency name. */
    private static String inlineName(CurrentUnit unit, LocalDate asOf) {
        return unit.typeOn(asOf).vietnamese() + " " + unit.name();
    }

    /** "Ba Đình ward": proper names keep their diacritics in English. */
    private static String englishName(CurrentUnit unit, LocalDate asOf) {
        UnitType type = unit.typeOn(asOf);
        return unit.name() + " " + type.label().en();
    }

    private static void add(Map<String, Agency> agencies, Agency agency) {
        if (agencies.putIfAbsent(agency.id(), agency) != null) {
            throw new IllegalArgumentException("duplicate agency id " + agency.id());
        }
    }

    /**
     * A copy in which operator-provided agencies replace the generated ones with the same id (overrides win).
     * Each override must describe an existing unit: its id is the one {@link Agency#idOf} gives for its level,
     * unit and kind, so {@link #find} keeps working.
     *
     * @throws IllegalArgumentException for a repeated id or an override for a unit that does not exist
     */
    public Agencies withOverrides(Collection<Agency> operatorProvided) {
        Map<String, Agency> merged = new LinkedHashMap<>(byId);
        Set<String> seen = new HashSet<>();
        for (Agency override : operatorProvided) {
            if (!seen.add(override.id())) {
                throw new IllegalArgumentException("agency " + override.id() + " overridden twice");
            }
            CurrentUnit unit = units.unit(override.unitCode())
                    .orElseThrow(() -> new IllegalArgumentException("no current unit " + override.unitCode()));
            boolean levelFits = (override.level() == AgencyLevel.PROVINCE) == unit.type().isProvinceLevel();
            if (!levelFits || !unit.provinceCode().equals(override.provinceCode())) {
                throw new IllegalArgumentException("agency " + override.id() + " does not fit unit " + unit.code());
            }
            merged.put(override.id(), override);
        }
        return new Agencies(units, merged);
    }

    public Optional<Agency> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The agencies serving a current unit: a commune's own agencies, or a province's. Empty for an unknown code. */
    public List<Agency> ofUnit(String unitCode) {
        return unitCode == null ? List.of() : byUnit.getOrDefault(unitCode, List.of());
    }

    /**
     * The agency of {@code kind} competent for a commune at {@code level}: the commune's own agency at commune
     * level, or the department of the commune's province at province level.
     *
     * @throws NoSuchElementException   if the commune does not exist (resolve old codes first)
     * @throws IllegalArgumentException if {@code kind} does not exist at {@code level}
     */
    public Agency find(String communeCode, AgencyLevel level, AgencyKind kind) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(kind, "kind");
        if (!kind.existsAt(level)) {
            throw new IllegalArgumentException(kind + " does not exist at " + level + " level");
        }
        Commune commune = units.commune(communeCode)
                .orElseThrow(() -> new NoSuchElementException("no current commune " + communeCode));
        String unitCode = level == AgencyLevel.COMMUNE ? commune.code() : commune.provinceCode();
        String id = Agency.idOf(level, unitCode, kind);
        Agency agency = byId.get(id);
        if (agency == null) {
            throw new NoSuchElementException("no agency " + id);
        }
        return agency;
    }

    /** All agencies: provinces' first, then communes', in code order. */
    public Collection<Agency> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    public int count(AgencyLevel level) {
        return (int) byId.values().stream().filter(agency -> agency.level() == level).count();
    }
}
