package vn.dvc.tests;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.agency.AgencyKind;
import vn.dvc.core.agency.AgencyLevel;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.intake.Routing;
import vn.dvc.core.legacy.LegacyRow;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.units.Commune;
import vn.dvc.core.units.OldCommune;
import vn.dvc.core.units.OldDistrict;
import vn.dvc.core.units.OldProvince;
import vn.dvc.core.units.Text;

/**
 * Test utility: a synthetic legacy export (docs/legacy-import.md) of pending dossiers with the outcome expected for
 * every row, deterministic for a seed. Covers old commune codes that went wholly into a new commune, split communes
 * placed by the {@code new_commune_code} column, placed by the address detail, and not placed (the province's
 * manual routing queue), provincial-level procedures given only an old province or district, due dates given as
 * dates and as remaining working days, documents as keys and URLs, and bad rows (unknown unit codes, bad dates,
 * missing fields, unknown or non-routable procedures, non-pending statuses, bad personal ids).
 *
 * <p>{@code main(rows, path)} writes a CSV file (benchmarks).
 */
public final class LegacyFileGenerator {
    /** What must become of a row. */
    public sealed interface Expected permits Routed, Manual, Failed {}

    /** Imported and routed to {@code agencyId} in {@code communeCode} (null for a province-level dossier). */
    public record Routed(String agencyId, String communeCode, String how) implements Expected {}

    /** Imported into the province's manual routing queue with these candidates. */
    public record Manual(String provinceCode, List<String> candidates) implements Expected {}

    /** Rejected with this reason code. */
    public record Failed(String code) implements Expected {}

    public record Row(int row, Map<String, String> fields, Expected expected) {}

    static final String COMMUNE_PROCEDURE_CIVIL = "1.001193";    // birth registration, commune People's Committee
    static final String COMMUNE_PROCEDURE_POLICE = "1.004222";   // permanent residence, commune police
    static final String PROVINCE_PROCEDURE = "2.001195";         // ID card renewal, provincial police
    static final String CENTRAL_PROCEDURE = "1.000889";          // central level: not routable here

    private final Random random;
    private final List<OldCommune> merged = new ArrayList<>();
    private final List<OldCommune> split = new ArrayList<>();
    private final List<OldProvince> oldProvinces;
    private final List<OldDistrict> oldDistricts;
    private final String prefix;

    public LegacyFileGenerator(long seed, String codePrefix) {
        this.random = new Random(seed);
        this.prefix = codePrefix;
        AdministrativeUnits units = AdministrativeUnits.get();
        for (OldCommune c : units.oldCommunes()) {
            (c.isSplit() ? split : merged).add(c);
        }
        oldProvinces = units.oldProvinces();
        oldDistricts = units.oldDistricts();
    }

    /**
     * {@code n} rows in fixed proportions (per 10,000): 6,000 merged communes, 500 splits placed by code, 500 by
     * address, 1,000 unplaced splits, 1,000 province-level, 1,000 bad rows (7 kinds).
     */
    public List<Row> rows(int n) {
        List<Row> rows = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            int slot = (i - 1) % 100; // the pattern repeats every 100 rows
            rows.add(row(i, slot));
        }
        return rows;
    }

    private Row row(int i, int slot) {
        Map<String, String> f = base(i);
        Expected expected;
        if (slot < 60) {
            OldCommune c = merged.get(random.nextInt(merged.size()));
            Commune target = AdministrativeUnits.get().commune(c.newCommuneCodes().get(0)).orElseThrow();
            setOldCommune(f, c, "Số " + (1 + random.nextInt(200)) + ", tổ " + (1 + random.nextInt(30)) + ", " + c.name());
            String procedure = slot % 2 == 0 ? COMMUNE_PROCEDURE_CIVIL : COMMUNE_PROCEDURE_POLICE;
            f.put("procedure_code", procedure);
            expected = new Routed(agency(procedure, target), target.code(), "merged");
        } else if (slot < 65) {
            OldCommune c = split.get(random.nextInt(split.size()));
            Commune target = AdministrativeUnits.get().commune(c.newCommuneCodes().get(random.nextInt(c.newCommuneCodes().size()))).orElseThrow();
            setOldCommune(f, c, "Thôn " + (1 + random.nextInt(12)) + ", " + c.name());
            f.put("new_commune_code", target.code());
            expected = new Routed(agency(COMMUNE_PROCEDURE_CIVIL, target), target.code(), "split-by-code");
        } else if (slot < 70) {
            // the address names one candidate (as operators annotate: "nay thuộc ...") and no other
            OldCommune c;
            Commune target;
            String address;
            while (true) {
                c = split.get(random.nextInt(split.size()));
                target = AdministrativeUnits.get().commune(c.newCommuneCodes().get(random.nextInt(c.newCommuneCodes().size()))).orElseThrow();
                address = "Thôn " + (1 + random.nextInt(12)) + ", " + c.name() + " (nay thuộc " + target.fullName() + ")";
                if (!bare(target.name()).equals(bare(c.name())) && namedCandidates(c, address).equals(List.of(target.code()))) {
                    break;
                }
            }
            setOldCommune(f, c, address);
            expected = new Routed(agency(COMMUNE_PROCEDURE_CIVIL, target), target.code(), "split-by-address");
        } else if (slot < 80) {
            OldCommune c;
            String address;
            do {
                c = split.get(random.nextInt(split.size()));
                address = "Xóm " + (1 + random.nextInt(12)) + ", " + c.name();
            } while (!namedCandidates(c, address).isEmpty());
            setOldCommune(f, c, address);
            expected = new Manual(c.newProvinceCode(), c.newCommuneCodes());
        } else if (slot < 90) {
            f.put("procedure_code", PROVINCE_PROCEDURE);
            String province;
            if (slot % 2 == 0) {
                OldProvince p = oldProvinces.get(random.nextInt(oldProvinces.size()));
                f.put("old_province_code", p.code());
                f.put("old_province_name", p.name());
                province = p.newProvinceCode();
            } else {
                OldDistrict d = oldDistricts.get(random.nextInt(oldDistricts.size()));
                f.put("old_district_code", d.code());
                f.put("old_district_name", d.name());
                f.put("old_province_code", d.oldProvinceCode());
                province = d.newProvinceCode();
            }
            expected = new Routed(Agency.idOf(AgencyLevel.PROVINCE, province, AgencyKind.POLICE), null, "province");
        } else {
            OldCommune c = merged.get(random.nextInt(merged.size()));
            setOldCommune(f, c, "Số 1, " + c.name());
            switch (slot) {
                case 90, 91 -> {
                    f.put("old_commune_code", "9" + String.format("%04d", random.nextInt(10_000)).substring(0, 4));
                    f.remove("old_district_code");
                    f.remove("old_province_code");
                    expected = new Failed("UNKNOWN_UNIT");
                }
                case 92, 93 -> {
                    f.put(slot == 92 ? "received_at" : "due_date", slot == 92 ? "31/02/2025" : "2025-13-01");
                    expected = new Failed("BAD_DATE");
                }
                case 94, 95 -> {
                    f.remove(slot == 94 ? "applicant_full_name" : "received_at");
                    expected = new Failed("MISSING_FIELD");
                }
                case 96 -> {
                    f.put("procedure_code", "9.999999");
                    expected = new Failed("UNKNOWN_PROCEDURE");
                }
                case 97 -> {
                    f.put("procedure_code", CENTRAL_PROCEDURE);
                    expected = new Failed("PROCEDURE_NOT_ROUTABLE");
                }
                case 98 -> {
                    f.put("status", "Đã trả kết quả");
                    expected = new Failed("NOT_PENDING");
                }
                default -> {
                    f.put("applicant_personal_id", "12345");
                    expected = new Failed("BAD_PERSONAL_ID");
                }
            }
        }
        return new Row(i, f, expected);
    }

    private Map<String, String> base(int i) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String c : LegacyRow.COLUMNS) {
            f.put(c, "");
        }
        f.put("original_code", prefix + "-" + String.format("%06d", i));
        f.put("procedure_code", COMMUNE_PROCEDURE_CIVIL);
        f.put("applicant_personal_id", String.format("0011%08d", 90_000_000 + i)); // a block no other test files for
        f.put("applicant_full_name", "Nguyễn Văn Thử " + i);
        f.put("applicant_date_of_birth", LocalDate.of(1960, 1, 1).plusDays(random.nextInt(20_000)).toString());
        f.put("applicant_phone", "09" + String.format("%08d", random.nextInt(100_000_000)));
        LocalDateTime received = LocalDateTime.of(2025, 6, 2, 8, 0).plusDays(random.nextInt(26)).plusMinutes(random.nextInt(540));
        f.put("received_at", i % 3 == 0
                ? received.toLocalDate().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                : received.toString());
        if (i % 2 == 0) {
            f.put("due_date", received.toLocalDate().plusDays(20 + random.nextInt(40)).toString());
        } else {
            f.put("remaining_working_days", Integer.toString(1 + random.nextInt(15)));
        }
        f.put("status", switch (i % 4) {
            case 0 -> "Đã tiếp nhận";
            case 1 -> "Đang giải quyết";
            case 2 -> "IN_PROGRESS";
            default -> "Chờ bổ sung";
        });
        f.put("channel", i % 5 == 0 ? "ONLINE" : "COUNTER");
        if (i % 3 == 1) {
            f.put("documents", "to-khai=legacy/" + prefix + "/" + i + "/to-khai.pdf|https://dvc.example.gov.vn/files/" + i + "/giay-to.pdf");
        }
        return f;
    }

    private static void setOldCommune(Map<String, String> f, OldCommune c, String address) {
        f.put("old_commune_code", c.code());
        f.put("old_commune_name", c.name());
        f.put("old_district_code", c.districtCode());
        f.put("old_province_code", c.oldProvinceCode());
        f.put("address_detail", address);
    }

    private static String agency(String procedure, Commune commune) {
        return Routing.receivingAgency(ProcedureCatalog.bundled().byCode(procedure).orElseThrow(), commune).id();
    }

    /** The candidates whose name (not the old commune's own) appears in the address, as the importer reads it. */
    static List<String> namedCandidates(OldCommune c, String address) {
        String folded = " " + Text.fold(address).replaceAll("[^a-z0-9]+", " ") + " ";
        List<String> named = new ArrayList<>();
        for (String code : c.newCommuneCodes()) {
            String name = bare(AdministrativeUnits.get().commune(code).orElseThrow().name());
            if (!name.isEmpty() && !name.equals(bare(c.name())) && folded.contains(" " + name + " ")) {
                named.add(code);
            }
        }
        return named;
    }

    private static String bare(String name) {
        String folded = " " + Text.fold(name).replaceAll("[^a-z0-9]+", " ").strip();
        for (String type : List.of(" thi tran ", " phuong ", " xa ", " dac khu ")) {
            if (folded.startsWith(type)) {
                return folded.substring(type.length()).strip();
            }
        }
        return folded.strip();
    }

    // ---- output ----------------------------------------------------------------------------------------------

    public static void writeCsv(List<Row> rows, Writer out) throws IOException {
        out.write(String.join(",", LegacyRow.COLUMNS));
        out.write("\r\n");
        for (Row r : rows) {
            StringBuilder line = new StringBuilder();
            for (String c : LegacyRow.COLUMNS) {
                if (!line.isEmpty() || !c.equals(LegacyRow.COLUMNS.get(0))) {
                    line.append(',');
                }
                line.append(csv(r.fields().getOrDefault(c, "")));
            }
            out.write(line.append("\r\n").toString());
        }
    }

    public static void writeJsonLines(List<Row> rows, Writer out) throws IOException {
        for (Row r : rows) {
            Map<String, String> present = new LinkedHashMap<>();
            r.fields().forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    present.put(k, v);
                }
            });
            out.write(vn.dvc.core.json.Json.write(present));
            out.write('\n');
        }
    }

    private static String csv(String v) {
        if (v == null) {
            return "";
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path path = Path.of(args.length > 1 ? args[1] : "legacy-" + n + ".csv");
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            writeCsv(new LegacyFileGenerator(42, "BENCH").rows(n), out);
        }
        System.out.println("wrote " + n + " rows to " + path + " (" + Files.size(path) + " bytes)");
    }
}
