package vn.dvc.core.dossier;

import java.time.LocalDate;

/**
 * The person the dossier is for. Personal data: stored on the dossier for the register check and the officials,
 * never written to logs, never used in keys (see {@link ApplicantKeys}).
 */
public record Applicant(String personalId, String fullName, LocalDate dateOfBirth, String phone, String email) {
    @Override
    public String toString() {
        return "Applicant[redacted]";
    }
}
