package vn.dvc.core.fees;

/** What makes an applicant category claim good enough for an exemption to apply. */
public enum ProofKind {
    /** The applicant's declaration is enough. */
    DECLARED,
    /** A named document component must have been received in the dossier. */
    COMPONENT,
    /** A national register (e.g. the population database) must have confirmed the category. */
    REGISTER
}
