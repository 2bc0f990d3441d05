package vn.dvc.core.agency;

import java.util.List;
import java.util.Optional;

/**
 * Port: agencies whose generated values an operator replaced. Every revision is kept; the latest one per agency is
 * what is served.
 */
public interface ReplacedAgencies {

    /** The latest revision of every replaced agency. */
    List<AgencyReplacement> latest();

    /** The latest revision of one agency, read consistently (a replacement decides on it). */
    Optional<AgencyReplacement> latest(String id);

    /** One revision of one agency, or empty. */
    Optional<AgencyReplacement> revision(String id, int revision);

    /**
     * Stores {@code replacement} as the agency's latest revision, atomically and only if the latest stored revision
     * is still {@code expectedLatest} (0: never replaced).
     *
     * @throws Conflict if another replacement was stored in between: nothing was written
     */
    void replace(AgencyReplacement replacement, int expectedLatest);

    /** Another replacement won the race: nothing was written. */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
