package vn.dvc.core.register;

import java.util.Optional;

/**
 * The port to the national population database. Adapters: a local table of synthetic citizens and an HTTP client
 * to the national data-sharing platform (NDXP).
 */
public interface PopulationRegister {
    /** The name adapters record as the evidence's source. */
    String source();

    /**
     * The register's record for a personal identification number, or empty when the register has none.
     *
     * @throws RegisterUnavailableException the register could not answer (outage, timeout): retry later, and never
     *                                      conclude anything about the citizen from it
     */
    Optional<CitizenRecord> lookup(String personalId);

    /** The register did not answer. Transient by nature: the caller's message returns to its queue. */
    class RegisterUnavailableException extends RuntimeException {
        public RegisterUnavailableException(String message) {
            super(message);
        }

        public RegisterUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
