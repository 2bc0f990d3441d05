package vn.dvc.core.legacy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Imports the records of one legacy file: one reader checks and plans each row (no I/O) and hands it to one of a
 * few writers, chosen by agency and day so that each sequence counter has a single writer; queues are bounded, so
 * memory does not grow with the file. When the time left ({@code millisLeft}) falls under {@code marginMillis}
 * the run stops reading, lets the writers finish what they hold and returns a {@link Checkpoint}: every row up
 * to {@link Checkpoint#rowsDone()} is done. A run resumed from it re-checks those rows without writing (so the
 * error report is complete again) and carries their counts over.
 */
public final class ImportRun {
    /** Receives every failed row (called from several threads: implementations synchronise). */
    public interface FailureSink {
        void failed(int row, String originalCode, RowFailure failure);
    }

    /** Where a stopped run got to; rows up to {@code rowsDone} are done. */
    public record Checkpoint(int rowsDone, long imported, long duplicates, long manual, int resumes, Instant startedAt,
                             List<StoredFailure> writeFailures) {
        public Checkpoint {
            writeFailures = writeFailures == null ? List.of() : List.copyOf(writeFailures);
        }
    }

    /** A row that failed while writing (not reproducible by re-checking): kept in the checkpoint. */
    public record StoredFailure(int row, String originalCode, String code) {}

    public record Result(boolean finished, int rows, long imported, long duplicates, long failed, long manual,
                         Map<String, Long> byReason, Instant startedAt, Duration elapsed, int resumes,
                         Checkpoint checkpoint) {}

    // Small queues: memory stays flat, and a stopping run drains quickly (at most writers x QUEUE rows).
    private static final int QUEUE = 32;
    /** Rows a writer takes at once: one batched identity look-up for all of them. */
    private static final int BATCH = 25;
    private static final int WRITE_FAILURES_KEPT = 10_000;

    private final LegacyImporter importer;
    private final int writers;

    public ImportRun(LegacyImporter importer, int writers) {
        this.importer = importer;
        this.writers = Math.max(1, writers);
    }

    private static final LegacyImporter.Planned END = new LegacyImporter.Planned(0, null, null, null, null, null,
            null, null, null, false);

    public Result run(String system, String file, Iterator<LegacyRecordReader.RawRecord> records, Checkpoint resume,
                      LongSupplier millisLeft, long marginMillis, FailureSink sink) {
        long started = System.nanoTime();
        Instant startedAt = resume != null ? resume.startedAt() : importer.clock().instant();
        AtomicLong imported = new AtomicLong(resume == null ? 0 : resume.imported());
        AtomicLong duplicates = new AtomicLong(resume == null ? 0 : resume.duplicates());
        AtomicLong manual = new AtomicLong(resume == null ? 0 : resume.manual());
        AtomicLong failed = new AtomicLong();
        Map<String, Long> byReason = new TreeMap<>();
        List<StoredFailure> writeFailures = new ArrayList<>();
        FailureSink counting = (row, code, failure) -> {
            synchronized (byReason) {
                failed.incrementAndGet();
                byReason.merge(failure.code(), 1L, Long::sum);
                sink.failed(row, code, failure);
            }
        };
        int skipUpTo = resume == null ? 0 : resume.rowsDone();
        if (resume != null) {
            for (StoredFailure f : resume.writeFailures()) {
                writeFailures.add(f);
                counting.failed(f.row(), f.originalCode(), writeFailure(f.code()));
            }
        }

        List<BlockingQueue<LegacyImporter.Planned>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            BlockingQueue<LegacyImporter.Planned> queue = new ArrayBlockingQueue<>(QUEUE);
            queues.add(queue);
            Thread t = new Thread(() -> {
                Map<String, Long> sequences = new HashMap<>();
                List<LegacyImporter.Planned> batch = new ArrayList<>(BATCH);
                boolean end = false;
                while (!end) {
                    batch.clear();
                    try {
                        batch.add(queue.take());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    queue.drainTo(batch, BATCH - 1);
                    if (batch.get(batch.size() - 1) == END) {
                        batch.remove(batch.size() - 1);
                        end = true;
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                    List<Object> results;
                    try {
                        results = importer.writeAll(batch, sequences);
                    } catch (RuntimeException e) {
                        results = java.util.Collections.nCopies(batch.size(), e);
                    }
                    for (int k = 0; k < batch.size(); k++) {
                        LegacyImporter.Planned p = batch.get(k);
                        Object result = results.get(k);
                        if (result == LegacyImporter.Written.IMPORTED) {
                            imported.incrementAndGet();
                            if (p.manual()) {
                                manual.incrementAndGet();
                            }
                        } else if (result == LegacyImporter.Written.DUPLICATE) {
                            duplicates.incrementAndGet();
                        } else if (result == LegacyImporter.Written.CHANGED_SINCE_IMPORT) {
                            counting.failed(p.row(), p.originalCode(), changed());
                        } else {
                            synchronized (writeFailures) {
                                if (writeFailures.size() < WRITE_FAILURES_KEPT) {
                                    writeFailures.add(new StoredFailure(p.row(), p.originalCode(), "STORE_ERROR"));
                                }
                            }
                            counting.failed(p.row(), p.originalCode(), writeFailure("STORE_ERROR"));
                        }
                    }
                }
            }, "import-writer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }

        int rows = 0;
        boolean stopped = false;
        try {
            while (records.hasNext()) {
                if (rows % 100 == 0 && rows > skipUpTo && millisLeft.getAsLong() < marginMillis) {
                    stopped = true;
                    break;
                }
                LegacyRecordReader.RawRecord raw = records.next();
                rows++;
                LegacyImporter.Plan plan = importer.plan(system, file, raw);
                if (plan instanceof LegacyImporter.Rejected r) {
                    counting.failed(r.row(), r.originalCode(), r.failure());
                } else if (raw.row() > skipUpTo) {
                    LegacyImporter.Planned p = (LegacyImporter.Planned) plan;
                    int writer = Math.floorMod(p.sequenceKey().hashCode(), writers);
                    queues.get(writer).put(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            for (BlockingQueue<LegacyImporter.Planned> q : queues) {
                try {
                    q.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        int resumes = resume == null ? 0 : resume.resumes();
        Checkpoint checkpoint = stopped ? new Checkpoint(rows, imported.get(), duplicates.get(), manual.get(),
                resumes + 1, startedAt, writeFailures) : null;
        Map<String, Long> reasons;
        synchronized (byReason) {
            reasons = Map.copyOf(byReason);
        }
        return new Result(!stopped, rows, imported.get(), duplicates.get(), failed.get(), manual.get(),
                new TreeMap<>(reasons), startedAt, Duration.ofNanos(System.nanoTime() - started), resumes, checkpoint);
    }

    static RowFailure changed() {
        return RowFailure.of("CHANGED_SINCE_IMPORT", "original_code",
                "Hồ sơ này đã được nhập trước đó với dữ liệu khác; không thay đổi gì.",
                "This dossier was imported before with different data; nothing was changed.");
    }

    static RowFailure writeFailure(String code) {
        return RowFailure.of(code, null, "Lỗi khi ghi hồ sơ; nhập lại tệp để thử lại dòng này.",
                "The dossier could not be written; import the file again to retry this row.");
    }
}
