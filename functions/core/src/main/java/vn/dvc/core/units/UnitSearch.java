package vn.dvc.core.units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Diacritics-insensitive name index over current (and optionally old) units. Immutable once built. */
final class UnitSearch {

    /** Type words that start old unit names; stripped so "phuc xa" matches "Phường Phúc Xá" exactly. */
    private static final List<String> OLD_TYPE_PREFIXES = List.of(
            "thi tran ", "thi xa ", "thanh pho ", "phuong ", "xa ", "quan ", "huyen ", "tinh ");

    private record Entry(UnitMatch.Kind kind, String code, String name, String fullName, String provinceCode,
                         String provinceName, List<String> successorCodes, String foldedName, String foldedFull) {
    }

    private record ProvinceKey(String code, List<String> foldedNames) {
    }

    /** {@code sameSpelling}: the query also matches with its diacritics as typed, which breaks ties. */
    private record Hit(Entry entry, UnitMatch.Quality quality, boolean sameSpelling) {
    }

    private static final Comparator<Hit> RANKING = Comparator
            .comparing((Hit hit) -> hit.quality())
            .thenComparing(hit -> !hit.sameSpelling())
            .thenComparing(hit -> hit.entry().kind().isOld())
            .thenComparing(hit -> hit.entry().kind())
            .thenComparingInt(hit -> hit.entry().foldedName().length())
            .thenComparing(hit -> hit.entry().code());

    private final AdministrativeUnits units;
    private final Map<String, String> provinceNames = new HashMap<>();
    private final List<Entry> current = new ArrayList<>();
    private final List<ProvinceKey> provinceKeys = new ArrayList<>();
    private volatile List<Entry> old;

    UnitSearch(AdministrativeUnits units) {
        this.units = units;
        for (Province p : units.provinces()) {
            provinceNames.put(p.code(), p.fullName());
            current.add(new Entry(UnitMatch.Kind.PROVINCE, p.code(), p.name(), p.fullName(), p.code(), p.fullName(),
                    List.of(), Text.foldWords(p.name()), Text.foldWords(p.fullName())));
            // Later type changes rename the province ("Thành phố Đồng Nai"): accept either full name.
            List<String> keys = new ArrayList<>(List.of(Text.foldWords(p.name()), Text.foldWords(p.fullName())));
            p.typeChanges().forEach(c -> keys.add(Text.foldWords(c.to().fullNameOf(p.name()))));
            provinceKeys.add(new ProvinceKey(p.code(), keys));
        }
        for (Commune c : units.communes()) {
            current.add(new Entry(UnitMatch.Kind.COMMUNE, c.code(), c.name(), c.fullName(), c.provinceCode(),
                    provinceNames.get(c.provinceCode()), List.of(), Text.foldWords(c.name()),
                    Text.foldWords(c.fullName())));
        }
    }

    /** Old units are indexed on the first search that asks for them (it also loads the old-unit data). */
    private List<Entry> oldEntries() {
        List<Entry> entries = old;
        if (entries == null) {
            synchronized (this) {
                entries = old;
                if (entries == null) {
                    entries = buildOldEntries();
                    old = entries;
                }
            }
        }
        return entries;
    }

    private List<Entry> buildOldEntries() {
        List<Entry> old = new ArrayList<>(11_000);
        for (OldProvince p : units.oldProvinces()) {
            old.add(oldEntry(UnitMatch.Kind.OLD_PROVINCE, p.code(), p.name(), p.newProvinceCode(),
                    provinceNames, List.of(p.newProvinceCode())));
        }
        for (OldDistrict d : units.oldDistricts()) {
            old.add(oldEntry(UnitMatch.Kind.OLD_DISTRICT, d.code(), d.name(), d.newProvinceCode(),
                    provinceNames, List.copyOf(d.newCommuneCodes())));
        }
        for (OldCommune c : units.oldCommunes()) {
            old.add(oldEntry(UnitMatch.Kind.OLD_COMMUNE, c.code(), c.name(), c.newProvinceCode(),
                    provinceNames, c.newCommuneCodes()));
        }
        return List.copyOf(old);
    }

    private static Entry oldEntry(UnitMatch.Kind kind, String code, String oldName, String newProvinceCode,
                                  Map<String, String> provinceNames, List<String> successors) {
        String full = Text.foldWords(oldName);
        String bare = full;
        for (String prefix : OLD_TYPE_PREFIXES) {
            if (full.startsWith(prefix) && full.length() > prefix.length()) {
                bare = full.substring(prefix.length());
                break;
            }
        }
        return new Entry(kind, code, oldName, oldName, newProvinceCode, provinceNames.get(newProvinceCode),
                successors, bare, full);
    }

    List<UnitMatch> search(String query, int limit, boolean includeOld) {
        String q = Text.foldWords(query);
        if (q.isEmpty()) {
            return List.of();
        }
        String spelled = spelled(query);
        List<Entry> old = includeOld ? oldEntries() : List.of();
        Map<String, Hit> best = new HashMap<>();
        collect(q, spelled, null, current, best);
        collect(q, spelled, null, old, best);
        // "ba dinh ha noi" / "ha noi ba dinh": a province name at either end narrows the rest to that province.
        for (ProvinceKey province : provinceKeys) {
            for (String key : province.foldedNames()) {
                String rest = null;
                if (q.length() > key.length() + 1 && q.endsWith(" " + key)) {
                    rest = q.substring(0, q.length() - key.length() - 1);
                } else if (q.length() > key.length() + 1 && q.startsWith(key + " ")) {
                    rest = q.substring(key.length() + 1);
                }
                if (rest != null) {
                    collect(rest, null, province.code(), current, best);
                    collect(rest, null, province.code(), old, best);
                }
            }
        }
        List<Hit> hits = new ArrayList<>(best.values());
        hits.sort(RANKING);
        List<UnitMatch> result = new ArrayList<>(Math.min(limit, hits.size()));
        for (Hit hit : hits.subList(0, Math.min(limit, hits.size()))) {
            Entry e = hit.entry();
            result.add(new UnitMatch(e.kind(), e.code(), e.name(), e.fullName(), e.provinceCode(), e.provinceName(),
                    hit.quality(), e.successorCodes()));
        }
        return result;
    }

    private static void collect(String q, String spelled, String provinceCode, List<Entry> entries,
                                Map<String, Hit> best) {
        for (Entry entry : entries) {
            if (provinceCode != null
                    && (entry.kind() == UnitMatch.Kind.PROVINCE || entry.kind() == UnitMatch.Kind.OLD_PROVINCE
                    || !entry.provinceCode().equals(provinceCode))) {
                continue;
            }
            UnitMatch.Quality quality = quality(q, entry);
            if (quality == null) {
                continue;
            }
            boolean sameSpelling = spelled != null && !spelled.isEmpty()
                    && (spelled(entry.name()).contains(spelled) || spelled(entry.fullName()).contains(spelled));
            Hit hit = new Hit(entry, quality, sameSpelling);
            String key = entry.kind() + ":" + entry.code();
            Hit previous = best.get(key);
            if (previous == null || RANKING.compare(hit, previous) < 0) {
                best.put(key, hit);
            }
        }
    }

    /** Lower case NFC with diacritics kept: "Ba Đình" and "Ba Dinh" differ here, not after folding. */
    private static String spelled(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC)
                .toLowerCase(java.util.Locale.ROOT).trim();
    }

    private static UnitMatch.Quality quality(String q, Entry entry) {
        String name = entry.foldedName();
        String full = entry.foldedFull();
        if (name.equals(q) || full.equals(q)) {
            return UnitMatch.Quality.EXACT;
        }
        if (name.startsWith(q) || full.startsWith(q)) {
            return UnitMatch.Quality.PREFIX;
        }
        if (name.contains(q) || full.contains(q)) {
            return UnitMatch.Quality.CONTAINS;
        }
        return null;
    }
}
