package vn.dvc.core.units;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Vietnam's administrative units after the 1 July 2025 reorganisation (34 provinces, 3,321 communes, no district
 * level; Decision 19/2025/QĐ-TTg on the list of unit codes, Resolution 202/2025/QH15 for provinces and the
 * resolutions 1654–1687/NQ-UBTVQH15 for communes) and the pre-reform units (63 provinces, 696 districts, 10,047
 * communes) with where each went. Type changes after 1 July 2025 apply by effective date.
 *
 * <p>Loaded lazily from the CSV files bundled under {@code /data/admin-units/} (see {@code SOURCE.md} there for
 * origins, corrections and caveats), in parts so a cold start pays only for what it uses: the current units on the
 * first call to {@link #get()}; the old units (the 1 MB mapping) on the first call that needs them, which includes
 * {@link #resolve}; the name-search index on the first search. Each part is built once, thread-safely, and is
 * immutable afterwards.
 *
 * <p>Codes are strings of ASCII digits that keep their leading zeros: province 2 digits, old district 3, commune 5.
 * A code is never reused for a different new unit, but the reform kept many old codes: 3,316 new communes carry
 * the code of one of the old communes they absorbed and every new province carries an old province code. See
 * {@link #resolve(String, LocalDate)} for how a code is read.
 */
public final class AdministrativeUnits {

    /** The day the two-level local government and the new codes took effect. */
    public static final LocalDate REFORM_DATE = LocalDate.of(2025, 7, 1);

    private static final String DIRECTORY = "/data/admin-units/";

    private final Map<String, Province> provinces;
    private final Map<String, Commune> communes;
    private final Map<String, List<Commune>> communesByProvince;
    private volatile OldUnits old;
    private volatile UnitSearch search;

    /** The pre-reform units: most requests never need them, so they are parsed on first use only. */
    private record OldUnits(Map<String, OldProvince> provinces, Map<String, OldDistrict> districts,
                            Map<String, OldCommune> communes, List<MappingRow> rows) {
    }

    private AdministrativeUnits(Map<String, Province> provinces, Map<String, Commune> communes) {
        this.provinces = provinces;
        this.communes = communes;
        Map<String, List<Commune>> byProvince = new HashMap<>();
        for (Commune commune : communes.values()) {
            byProvince.computeIfAbsent(commune.provinceCode(), k -> new ArrayList<>()).add(commune);
        }
        byProvince.replaceAll((k, list) -> List.copyOf(list));
        this.communesByProvince = byProvince;
    }

    /** The bundled data, loaded on first use. */
    public static AdministrativeUnits get() {
        return Holder.INSTANCE;
    }

    // Class initialisation is lazy and thread-safe by the JVM's rules: no locking needed on the hot path.
    private static final class Holder {
        static final AdministrativeUnits INSTANCE = load();
    }

    /**
     * Parses the current units (provinces, communes, later type changes). Package-private so a test can time a
     * fresh load; the old units are parsed later by {@link #old()}.
     */
    static AdministrativeUnits load() {
        Map<String, List<TypeChange>> changes = loadTypeChanges();

        Map<String, Province> provinces = new LinkedHashMap<>();
        for (String[] r : Csv.readResource(DIRECTORY + "provinces.csv", "code", "name", "type", "full_name")) {
            String code = requireDigits(r[0], 2, "province code");
            Province province = new Province(code, r[1], UnitType.fromVietnamese(r[2]), r[3],
                    changes.getOrDefault("province:" + code, List.of()));
            putUnique(provinces, code, province);
        }

        Map<String, Commune> communes = new LinkedHashMap<>();
        for (String[] r : Csv.readResource(DIRECTORY + "communes.csv",
                "code", "name", "type", "province_code", "full_name")) {
            String code = requireDigits(r[0], 5, "commune code");
            if (!provinces.containsKey(r[3])) {
                throw new IllegalStateException("commune " + code + " in unknown province " + r[3]);
            }
            Commune commune = new Commune(code, r[1], UnitType.fromVietnamese(r[2]), r[3], r[4],
                    changes.getOrDefault("commune:" + code, List.of()));
            putUnique(communes, code, commune);
        }
        checkChangesApply(changes, provinces, communes);
        return new AdministrativeUnits(Collections.unmodifiableMap(provinces), Collections.unmodifiableMap(communes));
    }

    /** The old units, parsed on the first call (thread-safe, once). */
    private OldUnits old() {
        OldUnits loaded = old;
        if (loaded == null) {
            synchronized (this) {
                loaded = old;
                if (loaded == null) {
                    loaded = loadOldUnits(provinces, communes);
                    old = loaded;
                }
            }
        }
        return loaded;
    }

    private static OldUnits loadOldUnits(Map<String, Province> provinces, Map<String, Commune> communes) {
        Map<String, OldProvince> oldProvinces = new LinkedHashMap<>();
        for (String[] r : Csv.readResource(DIRECTORY + "old-provinces-to-new.csv",
                "old_province_code", "old_province_name", "new_province_code", "new_province_name")) {
            String code = requireDigits(r[0], 2, "old province code");
            if (!provinces.containsKey(r[2])) {
                throw new IllegalStateException("old province " + code + " maps to unknown province " + r[2]);
            }
            putUnique(oldProvinces, code, new OldProvince(code, r[1], r[2]));
        }

        List<MappingRow> rows = new ArrayList<>(10_700);
        Map<String, List<MappingRow>> rowsByOldCommune = new LinkedHashMap<>();
        Map<String, List<MappingRow>> rowsByOldDistrict = new LinkedHashMap<>();
        for (String[] r : Csv.readResource(DIRECTORY + "old-to-new.csv",
                "old_commune_code", "old_commune_name", "old_district_code", "old_district_name",
                "old_province_code", "old_province_name", "new_commune_code", "new_province_code",
                "portion", "bando_check", "note")) {
            MappingRow row = new MappingRow(
                    r[0].isEmpty() ? null : requireDigits(r[0], 5, "old commune code"),
                    r[1].isEmpty() ? null : r[1],
                    requireDigits(r[2], 3, "old district code"), r[3],
                    requireDigits(r[4], 2, "old province code"), r[5],
                    r[6], r[7], portion(r[8]), r[9], r[10].isEmpty() ? null : r[10]);
            Commune target = communes.get(row.newCommuneCode());
            if (target == null || !target.provinceCode().equals(row.newProvinceCode())) {
                throw new IllegalStateException("mapping row to unknown or inconsistent unit " + row.newCommuneCode());
            }
            rows.add(row);
            if (row.oldCommuneCode() != null) {
                rowsByOldCommune.computeIfAbsent(row.oldCommuneCode(), k -> new ArrayList<>(1)).add(row);
            }
            rowsByOldDistrict.computeIfAbsent(row.oldDistrictCode(), k -> new ArrayList<>()).add(row);
        }

        Map<String, OldCommune> oldCommunes = new LinkedHashMap<>(rowsByOldCommune.size() * 2);
        rowsByOldCommune.forEach((code, list) -> {
            MappingRow first = list.get(0);
            boolean split = list.size() > 1;
            for (MappingRow row : list) {
                // A commune either went wholly into one unit or was split with every part "partial".
                if ((row.portion() == MappingRow.Portion.PARTIAL) != split) {
                    throw new IllegalStateException("old commune " + code + " has inconsistent portions");
                }
            }
            oldCommunes.put(code, new OldCommune(code, first.oldCommuneName(), first.oldDistrictCode(),
                    first.oldProvinceCode(), list));
        });

        Map<String, OldDistrict> oldDistricts = new LinkedHashMap<>();
        rowsByOldDistrict.forEach((code, list) -> {
            MappingRow first = list.get(0);
            for (MappingRow row : list) {
                if (!row.newProvinceCode().equals(first.newProvinceCode())) {
                    throw new IllegalStateException("old district " + code + " spans new provinces");
                }
            }
            oldDistricts.put(code, new OldDistrict(code, first.oldDistrictName(), first.oldProvinceCode(),
                    first.newProvinceCode(), list));
        });

        return new OldUnits(Collections.unmodifiableMap(oldProvinces), Collections.unmodifiableMap(oldDistricts),
                Collections.unmodifiableMap(oldCommunes), Collections.unmodifiableList(rows));
    }

    private static Map<String, List<TypeChange>> loadTypeChanges() {
        Map<String, List<TypeChange>> changes = new HashMap<>();
        for (String[] r : Csv.readResource(DIRECTORY + "changes-after-2025-07-01.csv",
                "level", "code", "name", "change", "value_on_2025_07_01", "new_value", "effective_date",
                "legal_basis", "evidence")) {
            if (!r[3].equals("type")) {
                // Only type changes are modelled; anything else must not be silently ignored.
                throw new IllegalStateException("unsupported change kind '" + r[3] + "' for unit " + r[1]);
            }
            if (!r[0].equals("province") && !r[0].equals("commune")) {
                throw new IllegalStateException("unsupported change level '" + r[0] + "'");
            }
            TypeChange change = new TypeChange(UnitType.fromVietnamese(r[4]), UnitType.fromVietnamese(r[5]),
                    LocalDate.parse(r[6]), r[7], r[8]);
            changes.computeIfAbsent(r[0] + ":" + r[1], k -> new ArrayList<>()).add(change);
        }
        changes.values().forEach(list -> list.sort(Comparator.comparing(TypeChange::effectiveFrom)));
        return changes;
    }

    private static void checkChangesApply(Map<String, List<TypeChange>> changes, Map<String, Province> provinces,
                                          Map<String, Commune> communes) {
        changes.forEach((key, list) -> {
            String code = key.substring(key.indexOf(':') + 1);
            CurrentUnit unit = key.startsWith("province:") ? provinces.get(code) : communes.get(code);
            if (unit == null || list.get(0).from() != unit.type()) {
                throw new IllegalStateException("type change for " + key + " does not match the 1 July 2025 data");
            }
        });
    }

    private static MappingRow.Portion portion(String value) {
        return switch (value) {
            case "full" -> MappingRow.Portion.FULL;
            case "partial" -> MappingRow.Portion.PARTIAL;
            default -> throw new IllegalStateException("unknown portion " + value);
        };
    }

    private static String requireDigits(String value, int length, String what) {
        if (!isDigits(value, length)) {
            throw new IllegalStateException("malformed " + what + ": '" + value + "'");
        }
        return value;
    }

    private static <V> void putUnique(Map<String, V> map, String key, V value) {
        if (map.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("duplicate code " + key);
        }
    }

    // ---- code formats -------------------------------------------------------------------------------------

    /** True if {@code code} has the format of a commune code (5 ASCII digits); says nothing about existence. */
    public static boolean isCommuneCode(String code) {
        return isDigits(code, 5);
    }

    /** True if {@code code} has the format of a province code (2 ASCII digits); says nothing about existence. */
    public static boolean isProvinceCode(String code) {
        return isDigits(code, 2);
    }

    /** True if {@code code} has the format of an old district code (3 ASCII digits). */
    public static boolean isOldDistrictCode(String code) {
        return isDigits(code, 3);
    }

    /** True if {@code code} has the format of any unit code this class knows (2, 3 or 5 digits). */
    public static boolean isUnitCode(String code) {
        return isProvinceCode(code) || isOldDistrictCode(code) || isCommuneCode(code);
    }

    private static boolean isDigits(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- current units ------------------------------------------------------------------------------------

    public Optional<Province> province(String code) {
        return Optional.ofNullable(code == null ? null : provinces.get(code));
    }

    public Optional<Commune> commune(String code) {
        return Optional.ofNullable(code == null ? null : communes.get(code));
    }

    /** A current province or commune by code. */
    public Optional<CurrentUnit> unit(String code) {
        if (isProvinceCode(code)) {
            return Optional.ofNullable(provinces.get(code));
        }
        return Optional.ofNullable(code == null ? null : communes.get(code));
    }

    /** The communes of a current province in data order (by code); empty for an unknown province. */
    public List<Commune> communesOf(String provinceCode) {
        return provinceCode == null ? List.of() : communesByProvince.getOrDefault(provinceCode, List.of());
    }

    public List<Province> provinces() {
        return List.copyOf(provinces.values());
    }

    public List<Commune> communes() {
        return List.copyOf(communes.values());
    }

    public int provinceCount() {
        return provinces.size();
    }

    public int communeCount() {
        return communes.size();
    }

    // ---- old units ----------------------------------------------------------------------------------------

    public Optional<OldProvince> oldProvince(String code) {
        return Optional.ofNullable(code == null ? null : old().provinces().get(code));
    }

    public Optional<OldDistrict> oldDistrict(String code) {
        return Optional.ofNullable(code == null ? null : old().districts().get(code));
    }

    public Optional<OldCommune> oldCommune(String code) {
        return Optional.ofNullable(code == null ? null : old().communes().get(code));
    }

    public List<OldProvince> oldProvinces() {
        return List.copyOf(old().provinces().values());
    }

    public List<OldDistrict> oldDistricts() {
        return List.copyOf(old().districts().values());
    }

    public List<OldCommune> oldCommunes() {
        return List.copyOf(old().communes().values());
    }

    /** All old→new mapping rows, in data order. */
    public List<MappingRow> mappingRows() {
        return old().rows();
    }

    public int oldProvinceCount() {
        return old().provinces().size();
    }

    public int oldDistrictCount() {
        return old().districts().size();
    }

    public int oldCommuneCount() {
        return old().communes().size();
    }

    // ---- resolution ---------------------------------------------------------------------------------------

    /**
     * Reads any unit code — current province (2 digits) or commune (5), old province (2), old district (3) or old
     * commune (5) — and says which current unit(s) it stands for.
     *
     * <p>Precedence, because many codes are both old and new (units that kept their code):
     * <ol>
     *   <li>On or after {@link #REFORM_DATE}, a code that is a current unit IS that unit ({@link
     *       UnitResolution.Current}); if the same code was also an old unit that did not go wholly into this unit,
     *       that reading is attached as {@link UnitResolution.Current#formerMeaning()}.</li>
     *   <li>Before {@link #REFORM_DATE} (data recorded under the old units) a code is read as an OLD code first,
     *       because the new units did not exist yet; a code that was never an old code falls back to the current
     *       unit.</li>
     *   <li>Otherwise the old mapping: {@link UnitResolution.Merged} (went wholly into one unit),
     *       {@link UnitResolution.Split} (a commune split across several: all candidates, the caller chooses by
     *       address), {@link UnitResolution.DistrictAbolished} (old district).</li>
     *   <li>{@link UnitResolution.Unknown}, with {@code malformed} for a code that has no valid format.</li>
     * </ol>
     *
     * @param asOf the date the code was recorded or is used: picks the precedence and the type/full name of a
     *             current unit (type changes after 1 July 2025 apply by effective date)
     */
    public UnitResolution resolve(String code, LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        if (!isUnitCode(code)) {
            return new UnitResolution.Unknown(code, true);
        }
        Optional<UnitResolution> former = resolveOld(code);
        Optional<CurrentUnit> current = unit(code);
        if (current.isEmpty()) {
            return former.orElseGet(() -> new UnitResolution.Unknown(code, false));
        }
        if (asOf.isBefore(REFORM_DATE) && former.isPresent()) {
            return former.get();
        }
        UnitResolution differentFormer = former
                .filter(old -> !(old instanceof UnitResolution.Merged merged
                        && merged.successor().equals(current.get())))
                .orElse(null);
        return new UnitResolution.Current(code, current.get(), asOf, differentFormer);
    }

    /**
     * Reads {@code code} strictly as a pre-reform code (old province, district or commune), ignoring any current
     * unit with the same code: for dossiers known to have been filed before 1 July 2025.
     */
    public Optional<UnitResolution> resolveOld(String code) {
        if (isCommuneCode(code)) {
            OldCommune old = old().communes().get(code);
            if (old == null) {
                return Optional.empty();
            }
            List<Commune> targets = old.newCommuneCodes().stream().map(communes::get).toList();
            if (targets.size() == 1) {
                return Optional.of(new UnitResolution.Merged(code, old, targets.get(0)));
            }
            return Optional.of(new UnitResolution.Split(code, old, targets, provinces.get(old.newProvinceCode())));
        }
        if (isOldDistrictCode(code)) {
            OldDistrict old = old().districts().get(code);
            if (old == null) {
                return Optional.empty();
            }
            List<Commune> targets = old.newCommuneCodes().stream().map(communes::get).toList();
            return Optional.of(new UnitResolution.DistrictAbolished(code, old,
                    provinces.get(old.newProvinceCode()), targets));
        }
        if (isProvinceCode(code)) {
            OldProvince old = old().provinces().get(code);
            return old == null ? Optional.empty()
                    : Optional.of(new UnitResolution.Merged(code, old, provinces.get(old.newProvinceCode())));
        }
        return Optional.empty();
    }

    // ---- search -------------------------------------------------------------------------------------------

    /**
     * Finds current provinces and communes by name, ignoring diacritics, case and punctuation ("thu duc" finds
     * Phường Thủ Đức). Best first: exact name (with or without the type word) &gt; prefix &gt; contains; then
     * provinces before communes, shorter names first. A query may end (or start) with a province name to narrow
     * communes to it: "ba dinh ha noi".
     */
    public List<UnitMatch> search(String query, int limit) {
        return search(query, limit, false);
    }

    /**
     * As {@link #search(String, int)}; with {@code includeOld} also old provinces, districts and communes, marked
     * old and carrying their successor codes, ranked after current units of the same match quality.
     */
    public List<UnitMatch> search(String query, int limit, boolean includeOld) {
        if (limit <= 0) {
            return List.of();
        }
        UnitSearch index = search;
        if (index == null) {
            synchronized (this) {
                index = search;
                if (index == null) {
                    index = new UnitSearch(this);
                    search = index;
                }
            }
        }
        return index.search(query, limit, includeOld);
    }
}
