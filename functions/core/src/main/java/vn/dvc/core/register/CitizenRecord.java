package vn.dvc.core.register;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.dvc.core.json.Json;

/**
 * What the national population database (Cơ sở dữ liệu quốc gia về dân cư, Luật Căn cước 2023) returns for one
 * personal identification number. Personal data: never logged.
 *
 * @param residenceCommuneCode the 5-digit code of the commune of permanent residence (after 1 July 2025)
 * @param categories           applicant categories the register confirms (e.g. {@code POOR_HOUSEHOLD}), for fee exemptions
 */
public record CitizenRecord(String personalId, String fullName, LocalDate dateOfBirth, String residenceCommuneCode,
                            List<String> categories) {
    public CitizenRecord {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** Normalised, key-sorted JSON of the record: what the evidence hash is taken over, stable across adapters. */
    public String canonical() {
        Map<String, Object> m = new TreeMap<>();
        m.put("personalId", personalId == null ? "" : personalId);
        m.put("fullName", IdentityMatch.normaliseName(fullName));
        m.put("dateOfBirth", dateOfBirth == null ? "" : dateOfBirth.toString());
        m.put("residenceCommuneCode", residenceCommuneCode == null ? "" : residenceCommuneCode);
        m.put("categories", categories.stream().sorted().toList());
        return Json.write(m);
    }

    @Override
    public String toString() {
        return "CitizenRecord[redacted]";
    }
}
