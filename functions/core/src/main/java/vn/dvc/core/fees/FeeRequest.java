package vn.dvc.core.fees;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the fee depends on for one dossier.
 *
 * @param provinceCode       2-digit code of the province whose People's Council levels apply
 * @param copies             copies of the result asked for (at least 1)
 * @param submittedOn        the filing day; picks the online reduction in force
 * @param claims             the applicant's exemption category claims
 * @param receivedComponents codes of the document components received in the dossier
 */
public record FeeRequest(
        String provinceCode,
        SubmissionChannel channel,
        int copies,
        LocalDate submittedOn,
        Set<CategoryClaim> claims,
        Set<String> receivedComponents) {

    public FeeRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(submittedOn, "submittedOn");
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1");
        }
        claims = claims == null ? Set.of() : Set.copyOf(claims);
        receivedComponents = receivedComponents == null ? Set.of() : Set.copyOf(receivedComponents);
    }

    /** One copy, no claims: the common case. */
    public static FeeRequest simple(String provinceCode, SubmissionChannel channel, LocalDate submittedOn) {
        return new FeeRequest(provinceCode, channel, 1, submittedOn, Set.of(), Set.of());
    }
}
