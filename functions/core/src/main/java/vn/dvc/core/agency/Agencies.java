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
import java.util.HashMap;
import java.util.HashSet;
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
    private final LocalDate namesAsOf;
    private final Map<String, Agency> overrides;

    private Agencies(AdministrativeUnits units, LocalDate namesAsOf, Map<String, Agency> overrides) {
        this.units = units;
        this.namesAsOf = namesAsOf;
        this.overrides = overrides;
    }

    /**
     * The agencies of every current unit. Nothing is built up front (cold start): each agency is generated when
     * asked for, which costs microseconds, unless an override replaces it.
     *
     * @param namesAsOf the date whose unit types appear in the names (Đồng Nai is "tỉnh" before 30/04/2026 and
     *                  "thành phố" from then on)
     */
    public static Agencies generate(AdministrativeUnits units, LocalDate namesAsOf) {
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(namesAsOf, "namesAsOf");
        return new Agencies(units, namesAsOf, Map.of());
    }

    /**
     * A copy in which operator-provided agencies replace the generated ones with the same id (overrides win).
     * Each override must describe an existing unit: its id is the one {@link Agency#idOf} gives for its level,
     * unit and kind (the {@link Agency} constructor checks that), so {@link #find} keeps working and the number
     * of agencies does not change.
     *
     * @throws IllegalArgumentException for a repeated id or an override for a unit that does not exist
     */
    public Agencies withOverrides(Collection<Agency> operatorProvided) {
        Map<String, Agency> merged = new HashMap<>(overrides);
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
        return new Agencies(units, namesAsOf, Map.copyOf(merged));
    }

    /** The agency with this id ({@code X00004.UBND}, {@code T01.STP}); empty for an id of no agency. */
    public Optional<Agency> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Agency override = overrides.get(id);
        if (override != null) {
            return Optional.of(override);
        }
        int dot = id.indexOf('.');
        if (dot < 2 || dot == id.length() - 1) {
            return Optional.empty();
        }
        AgencyLevel level = switch (id.charAt(0)) {
            case 'X' -> AgencyLevel.COMMUNE;
            case 'T' -> AgencyLevel.PROVINCE;
            default -> null;
        };
        AgencyKind kind = AgencyKind.bySuffix(id.substring(dot + 1)).orElse(null);
        if (level == null || kind == null || !kind.existsAt(level)) {
            return Optional.empty();
        }
        String unitCode = id.substring(1, dot);
        Optional<? extends CurrentUnit> unit = level == AgencyLevel.COMMUNE
                ? units.commune(unitCode) : units.province(unitCode);
        return unit.map(u -> generated(level, kind, u));
    }

    /**
     * The agencies serving a current unit: a commune's own three, or a province's own agencies (not those of
     * its communes). Empty for an unknown code.
     */
    public List<Agency> ofUnit(String unitCode) {
        Optional<CurrentUnit> unit = units.unit(unitCode);
        if (unit.isEmpty()) {
            return List.of();
        }
        AgencyLevel level = unit.get().type().isProvinceLevel() ? AgencyLevel.PROVINCE : AgencyLevel.COMMUNE;
        List<Agency> agencies = new ArrayList<>();
        for (AgencyKind kind : AgencyKind.at(level)) {
            agencies.add(byId(Agency.idOf(level, unitCode, kind)).orElseThrow());
        }
        return List.copyOf(agencies);
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
        return byId(Agency.idOf(level, unitCode, kind)).orElseThrow();
    }

    /** All agencies, provinces' first, then communes', in code order. Builds the whole list: not for hot paths. */
    public List<Agency> all() {
        List<Agency> all = new ArrayList<>(size());
        units.provinces().forEach(p -> all.addAll(ofUnit(p.code())));
        units.communes().forEach(c -> all.addAll(ofUnit(c.code())));
        return all;
    }

    /** Number of agencies; overrides replace agencies and never add any. */
    public int size() {
        return count(AgencyLevel.PROVINCE) + count(AgencyLevel.COMMUNE);
    }

    public int count(AgencyLevel level) {
        int units = level == AgencyLevel.PROVINCE ? this.units.provinceCount() : this.units.communeCount();
        return units * AgencyKind.at(level).size();
    }

    private Agency generated(AgencyLevel level, AgencyKind kind, CurrentUnit unit) {
        String vi = kind.vietnamese() + " " + inlineName(unit);
        String en = kind.english() + " of " + englishName(unit);
        if (level == AgencyLevel.COMMUNE) {
            Province province = units.province(unit.provinceCode()).orElseThrow();
            vi += ", " + inlineName(province);
            en += ", " + englishName(province);
        }
        return new Agency(Agency.idOf(level, unit.code(), kind), LocalizedText.of(vi, en), level, kind,
                unit.code(), unit.provinceCode(), null, null, true);
    }

    /** "phường Ba Đình": the type word stays lower case inside an agency name. */
    private String inlineName(CurrentUnit unit) {
        return unit.typeOn(namesAsOf).vietnamese() + " " + unit.name();
    }

    /** "Ba Đình ward": proper names keep their diacritics in English. */
    private String englishName(CurrentUnit unit) {
        UnitType type = unit.typeOn(namesAsOf);
        return unit.name() + " " + type.label().en();
    }
}
