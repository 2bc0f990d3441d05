package vn.dvc.core.status;

import java.time.Instant;

/**
 * The port to failure counters of the public look-up (per dossier code and per source address), each counting
 * within a fixed window and forgotten after it (TTL).
 */
public interface AttemptThrottle {

    /** Failures counted for {@code key} in the window containing {@code now}. */
    long failures(String key, Instant now);

    /**
     * Counts one failure, atomically and only while fewer than {@code max} are counted.
     *
     * @return false when the limit was already reached (the caller is throttled)
     */
    boolean recordFailure(String key, long max, Instant now);
}
