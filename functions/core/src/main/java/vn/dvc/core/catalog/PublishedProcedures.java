package vn.dvc.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: procedure versions published by operators after deployment (the bundled seed is version 1 of each code).
 * Published versions are immutable; the latest one per code is what the catalog serves.
 */
public interface PublishedProcedures {

    /** The latest published version of every code that has one (one document per code). */
    List<Procedure> latest();

    /** The latest published version of one code, read consistently (a publication decides on it). */
    Optional<Procedure> latest(String code);

    /** One published version, or empty. */
    Optional<Procedure> version(String code, int version);

    /**
     * Stores {@code procedure} as the new latest version of its code, atomically and only if the latest stored
     * version is still {@code expectedLatestStored} (null: nothing stored yet for the code).
     *
     * @throws Conflict if another version was published in between (or this version already exists)
     */
    void publish(Procedure procedure, Integer expectedLatestStored, String publishedBy, Instant at);

    /** Another publication won the race: nothing was written. */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
