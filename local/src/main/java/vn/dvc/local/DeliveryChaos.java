package vn.dvc.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test switch for the local event sources (issue 10): while enabled, every S3 event ({@link S3Watcher}), stream
 * record ({@link StreamPoller}) and SQS message ({@link QueuePoller}) is delivered twice and out of order, as
 * at-least-once sources may: the batch first in a shuffled order, then all of it again, shuffled anew (so an older
 * stream record arrives after a newer one). The retry bookkeeping follows the first delivery only. Off by default;
 * the local runner never turns it on.
 */
public final class DeliveryChaos {
    private static volatile Random random;
    private static final Map<String, AtomicLong> DUPLICATES = new ConcurrentHashMap<>();

    private DeliveryChaos() {
    }

    public static synchronized void enable(long seed) {
        DUPLICATES.clear();
        random = new Random(seed);
    }

    public static void disable() {
        random = null;
    }

    public static boolean enabled() {
        return random != null;
    }

    /** Duplicates delivered since {@link #enable}, per source ("s3", "stream", "sqs:QueueName"). */
    public static Map<String, Long> duplicatesDelivered() {
        Map<String, Long> out = new TreeMap<>();
        DUPLICATES.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The batch in a shuffled order (itself when off). */
    static <T> List<T> shuffled(List<T> batch) {
        Random r = random;
        if (r == null || batch.size() < 2) {
            return batch;
        }
        List<T> copy = new ArrayList<>(batch);
        synchronized (DeliveryChaos.class) {
            Collections.shuffle(copy, r);
        }
        return copy;
    }

    /** Counts a second delivery of {@code count} items from {@code source}. */
    static void counted(String source, int count) {
        DUPLICATES.computeIfAbsent(source, k -> new AtomicLong()).addAndGet(count);
    }
}
