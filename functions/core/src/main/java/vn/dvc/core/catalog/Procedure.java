package vn.dvc.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import vn.dvc.core.fees.FeeSchedule;
import vn.dvc.core.text.LocalizedText;

/**
 * One version of an administrative procedure (thủ tục hành chính) as published in the national database of
 * administrative procedures (Nghị định 63/2010/NĐ-CP on the control of administrative procedures, as amended).
 * Its JSON form is both the API body and the storage format of a procedure document; operators publish new
 * versions, which {@link ProcedureValidator} checks.
 *
 * <p>Unknown values are null and listed in {@code unknowns}; {@code sources} says where every known value came from.
 *
 * @param code                national procedure code, e.g. {@code 1.004222}
 * @param version             1, 2, ... per code; the catalog serves the highest
 * @param field               lĩnh vực, or null when unknown
 * @param level               handling level, or null when unknown
 * @param agencyKind          kind of handling agency: PEOPLES_COMMITTEE, SERVICE_CENTRE, POLICE, JUSTICE, HOME_AFFAIRS,
 *                            AGRICULTURE_ENVIRONMENT, FINANCE, CONSTRUCTION, HEALTH
 * @param processingTime      statutory time, or null when unknown
 * @param onlineLevel         FULL or PARTIAL online service, or null when unknown
 * @param formSchema          JSON Schema (draft 2020-12) of the application form
 * @param feeSchedule         charges; null when unknown (an empty schedule means verified free)
 * @param publishedProvinces  2-digit codes of the provinces that publish it; null means all 34
 */
public record Procedure(
        String code,
        int version,
        LocalizedText name,
        LocalizedText field,
        HandlingLevel level,
        String agencyKind,
        ProcessingTime processingTime,
        OnlineLevel onlineLevel,
        List<DocumentComponent> components,
        JsonNode formSchema,
        FeeSchedule feeSchedule,
        LocalizedText result,
        List<String> legalBasis,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        List<String> publishedProvinces,
        SupplementClockPolicy supplementClockPolicy,
        List<SourceRef> sources,
        List<UnknownValue> unknowns) {

    /** The agency kinds a procedure may name; the same names as the agency directory uses. */
    public static final List<String> AGENCY_KINDS = List.of(
            "PEOPLES_COMMITTEE", "SERVICE_CENTRE", "POLICE", "JUSTICE", "HOME_AFFAIRS",
            "AGRICULTURE_ENVIRONMENT", "FINANCE", "CONSTRUCTION", "HEALTH");

    public Procedure {
        // Lenient on purpose: a bad operator document must reach the validator, which reports every problem at once.
        components = components == null ? List.of() : List.copyOf(components);
        legalBasis = legalBasis == null ? List.of() : List.copyOf(legalBasis);
        publishedProvinces = publishedProvinces == null ? null : List.copyOf(publishedProvinces);
        sources = sources == null ? List.of() : List.copyOf(sources);
        unknowns = unknowns == null ? List.of() : List.copyOf(unknowns);
    }

    /** True when the province publishes the procedure (a null list means every province does). */
    public boolean isPublishedIn(String provinceCode) {
        return publishedProvinces == null || publishedProvinces.contains(provinceCode);
    }

    /** True when this version is in force on {@code day}; unknown bounds do not restrict. */
    public boolean isInForceOn(LocalDate day) {
        return (effectiveFrom == null || !day.isBefore(effectiveFrom))
                && (effectiveTo == null || !day.isAfter(effectiveTo));
    }

    /** The same document as another version number (versions are assigned when an operator publishes). */
    public Procedure withVersion(int newVersion) {
        return new Procedure(code, newVersion, name, field, level, agencyKind, processingTime, onlineLevel, components,
                formSchema, feeSchedule, result, legalBasis, effectiveFrom, effectiveTo, publishedProvinces,
                supplementClockPolicy, sources, unknowns);
    }

    /** True when {@code fieldName} is declared unknown in this document. */
    public boolean isUnknown(String fieldName) {
        return unknowns.stream().anyMatch(u -> fieldName.equals(u.field()));
    }
}
