package vn.dvc.core.fees;

import java.util.Objects;

/**
 * An applicant category that pays nothing on a fee line, e.g. people of families with
 * meritorious service to the revolution, poor households and people with disabilities for
 * civil-status registration (Luật Hộ tịch 60/2014/QH13, Art. 11(1)(a)).
 *
 * @param category       stable code of the applicant category, e.g. {@code POOR_HOUSEHOLD}
 * @param proof          what is needed before the exemption applies
 * @param proofComponent the document component code that proves it, when {@code proof} is COMPONENT
 * @param legalBasis     the provision that grants the exemption
 */
public record Exemption(String category, ProofKind proof, String proofComponent, String legalBasis) {
    public Exemption {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(proof, "proof");
        if (proof == ProofKind.COMPONENT && (proofComponent == null || proofComponent.isBlank())) {
            throw new IllegalArgumentException("a COMPONENT proof names its component");
        }
    }
}
