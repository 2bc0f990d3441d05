package vn.dvc.core.dossier;

import vn.dvc.core.security.Caller;

/**
 * Who may read a dossier: the applicant (matched on the keyed hash of the personal identification number in the
 * token), the assistant who filed it, officials of the receiving agency, supervisors of its province, operators.
 * Everyone else is told it does not exist (404), so codes cannot be probed.
 */
public final class DossierAccess {
    private DossierAccess() {}

    public static boolean canRead(Caller caller, Dossier dossier, ApplicantKeys keys) {
        return switch (caller.role()) {
            case CITIZEN -> ApplicantKeys.isPersonalId(caller.personalId())
                    && keys.keyOf(caller.personalId()).equals(dossier.applicantKey());
            case ASSISTANT -> dossier.submittedBy() != null && caller.subject() != null
                    && caller.subject().equals(dossier.submittedBy().id());
            case OFFICIAL -> caller.agencyId() != null && caller.agencyId().equals(dossier.agencyId());
            case SUPERVISOR -> caller.provinceCode() != null && caller.provinceCode().equals(dossier.provinceCode());
            case OPERATOR -> true;
            case ANONYMOUS -> false;
        };
    }

    /**
     * Who may act on a dossier as its owner (upload more files, withdraw it): the applicant, or the assistant who
     * filed it. Officials and supervisors may read it but not act for the citizen.
     */
    public static boolean isApplicantOrFiler(Caller caller, Dossier dossier, ApplicantKeys keys) {
        return switch (caller.role()) {
            case CITIZEN -> ApplicantKeys.isPersonalId(caller.personalId())
                    && keys.keyOf(caller.personalId()).equals(dossier.applicantKey());
            case ASSISTANT -> dossier.submittedBy() != null && dossier.submittedBy().role() == caller.role()
                    && caller.subject() != null && caller.subject().equals(dossier.submittedBy().id());
            default -> false;
        };
    }
}
