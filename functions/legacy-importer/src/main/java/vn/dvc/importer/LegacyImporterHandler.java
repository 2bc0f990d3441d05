package vn.dvc.importer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.catalog.CatalogProcedureSource;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.logging.Observability;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.json.Json;
import vn.dvc.core.legacy.ImportRun;
import vn.dvc.core.legacy.LegacyImporter;
import vn.dvc.core.legacy.LegacyRecordReader;
import vn.dvc.core.legacy.RowFailure;

/**
 * legacy-importer (S3 ObjectCreated under {@code imports/}): an operator drops an export of pending dossiers of an
 * old provincial system as {@code imports/<system>/<file>.csv|.jsonl}. The file is streamed from S3 (never held
 * whole) through {@link ImportRun}; the row-level error report and a summary go under {@code import-reports/}
 * (outside the trigger's prefix, so writing them starts nothing):
 * <ul>
 *   <li>{@code import-reports/<system>/<file>.summary.json}: rows, imported, duplicates, failed, by reason, duration;</li>
 *   <li>{@code import-reports/<system>/<file>.report.json}: the summary and every failed row (row, code, field,
 *       reason in Vietnamese and English; never the row's personal data).</li>
 * </ul>
 * Re-importing changes nothing (each dossier's identity is its source system and original code). Close to the
 * function's time limit the run stops, saves a checkpoint ({@code .checkpoint.json}) and fails the invocation, so
 * Lambda's asynchronous retry resumes from it.
 */
public class LegacyImporterHandler implements RequestHandler<S3Event, String> {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyImporterHandler.class);
    public static final String PREFIX = "imports/";
    public static final String REPORTS = "import-reports/";
    private static final Set<String> REQUIRED_COLUMNS = Set.of("original_code", "procedure_code",
            "applicant_personal_id", "applicant_full_name", "received_at", "status");

    private final S3Client s3;
    private final String bucket;
    private final LegacyImporter importer;
    private final int writers;
    private final long marginMillis;

    public LegacyImporterHandler() {
        this(AwsClients.s3(), Env.require("DOCUMENT_BUCKET"),
                new LegacyImporter(new DynamoDossierStore(AwsClients.dynamo(), Env.require("DOSSIER_TABLE")),
                        CatalogProcedureSource.bundled(), new ApplicantKeys(Env.require("APPLICANT_KEY_SECRET")),
                        WorkingDayCalendar.standard(), Clock.systemUTC()),
                (int) Env.getLong("IMPORT_WRITERS", 8), Env.getLong("IMPORT_TIME_MARGIN_MS", 60_000));
    }

    public LegacyImporterHandler(S3Client s3, String bucket, LegacyImporter importer, int writers, long marginMillis) {
        this.s3 = s3;
        this.bucket = bucket;
        this.importer = importer;
        this.writers = writers;
        this.marginMillis = marginMillis;
    }

    /** The import did not finish in this invocation: a checkpoint is saved and the retry resumes from it. */
    public static final class ImportContinues extends RuntimeException {
        public ImportContinues(String message) {
            super(message);
        }
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            StringBuilder outcomes = new StringBuilder();
            for (var record : event.getRecords()) {
                String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
                outcomes.append(importFile(key, context::getRemainingTimeInMillis)).append(' ');
            }
            return outcomes.toString().trim();
        });
    }

    /** Imports one file; answers a one-line outcome ("COMPLETE rows=... imported=... ..."). */
    public String importFile(String key, LongSupplier millisLeft) {
        if (!key.startsWith(PREFIX) || key.endsWith("/")) {
            return "IGNORED";
        }
        String name = key.substring(PREFIX.length());
        String system = systemOf(name);
        String summaryKey = REPORTS + name + ".summary.json";
        String reportKey = REPORTS + name + ".report.json";
        String checkpointKey = REPORTS + name + ".checkpoint.json";
        LegacyRecordReader.Format format = LegacyRecordReader.Format.ofFileName(name);
        Instant startedAt = importer.clock().instant();
        if (format == null) {
            return rejected(key, system, summaryKey, reportKey, startedAt, RowFailure.of("UNSUPPORTED_FORMAT", null,
                    "Tệp phải là .csv hoặc .jsonl (JSON Lines).", "The file must be .csv or .jsonl (JSON Lines)."));
        }
        String eTag;
        try {
            eTag = s3.headObject(b -> b.bucket(bucket).key(key)).eTag();
        } catch (NoSuchKeyException e) {
            return "GONE";
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return "GONE";
            }
            throw e;
        }
        ImportRun.Checkpoint resume = readCheckpoint(checkpointKey, eTag);

        Path errors = null;
        try (var object = s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(eTag))) {
            Reader reader = new InputStreamReader(object, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
            LegacyRecordReader records;
            try {
                records = new LegacyRecordReader(reader, format);
            } catch (IllegalArgumentException e) {
                return rejected(key, system, summaryKey, reportKey, startedAt, RowFailure.of("EMPTY_FILE", null,
                        "Tệp rỗng, không có dòng tiêu đề.", "The file is empty: no header row."));
            }
            if (records.header() != null) {
                List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !records.header().contains(c)).sorted().toList();
                if (!missing.isEmpty()) {
                    return rejected(key, system, summaryKey, reportKey, startedAt, RowFailure.of("MISSING_COLUMNS",
                            String.join(",", missing), "Thiếu cột bắt buộc: " + String.join(", ", missing) + ".",
                            "Required columns are missing: " + String.join(", ", missing) + "."));
                }
            }
            errors = Files.createTempFile("import-errors", ".json");
            ImportRun.Result result;
            try (BufferedWriter out = Files.newBufferedWriter(errors, StandardCharsets.UTF_8)) {
                ErrorWriter sink = new ErrorWriter(out);
                out.write("{\"errors\":[");
                // Stop with a margin for the report: the configured one, at most a tenth of the invocation's time.
                long margin = Math.min(marginMillis, millisLeft.getAsLong() / 10);
                result = new ImportRun(importer, writers).run(system, name, records, resume, millisLeft, margin, sink);
                Map<String, Object> summary = summary(key, system, format, eTag, result, reportKey);
                out.write("\n],\"summary\":");
                out.write(Json.write(summary));
                out.write("}\n");
                out.flush();
                metrics(result);
                if (!result.finished()) {
                    put(checkpointKey, Json.write(Map.of("eTag", eTag, "checkpoint", result.checkpoint())));
                    put(summaryKey, Json.write(summary));
                    LOG.info("import {} stopped at row {} to resume", key, result.rows());
                    throw new ImportContinues("import of " + key + " continues after row " + result.rows());
                }
                s3.putObject(b -> b.bucket(bucket).key(reportKey).contentType("application/json"), RequestBody.fromFile(errors));
                put(summaryKey, Json.write(summary));
                if (resume != null) {
                    s3.deleteObject(b -> b.bucket(bucket).key(checkpointKey));
                }
            }
            LOG.info("import {}: rows={} imported={} duplicates={} failed={} manual={} in {} ms", key, result.rows(),
                    result.imported(), result.duplicates(), result.failed(), result.manual(), result.elapsed().toMillis());
            return "COMPLETE rows=" + result.rows() + " imported=" + result.imported() + " duplicates="
                    + result.duplicates() + " failed=" + result.failed() + " manual=" + result.manual();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file of a finished invocation
                }
            }
        }
    }

    /** The source system: the first folder under imports/ ({@code imports/<system>/<file>}), else "legacy". */
    static String systemOf(String name) {
        int slash = name.indexOf('/');
        String system = slash > 0 ? name.substring(0, slash) : "legacy";
        return system.matches("[A-Za-z0-9._-]{1,64}") ? system : "legacy";
    }

    private ImportRun.Checkpoint readCheckpoint(String checkpointKey, String eTag) {
        try {
            String text = s3.getObjectAsBytes(b -> b.bucket(bucket).key(checkpointKey)).asUtf8String();
            var node = Json.tree(text);
            if (!eTag.equals(node.path("eTag").asText())) {
                return null; // a new version of the file: start again (re-imported rows are skipped as duplicates)
            }
            return Json.MAPPER.treeToValue(node.get("checkpoint"), ImportRun.Checkpoint.class);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        } catch (IOException e) {
            return null;
        }
    }

    private String rejected(String key, String system, String summaryKey, String reportKey, Instant startedAt,
                            RowFailure why) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("file", key);
        summary.put("system", system);
        summary.put("status", "REJECTED");
        summary.put("reason", Map.of("code", why.code(), "vi", why.reason().vi(), "en", why.reason().en()));
        summary.put("rows", 0);
        summary.put("imported", 0);
        summary.put("duplicates", 0);
        summary.put("failed", 0);
        summary.put("startedAt", startedAt.toString());
        summary.put("finishedAt", importer.clock().instant().toString());
        summary.put("report", reportKey);
        put(reportKey, Json.write(Map.of("errors", List.of(), "summary", summary)));
        put(summaryKey, Json.write(summary));
        LOG.info("import {} rejected: {}", key, why.code());
        Observability.emit(m -> m.addMetric("ImportFileRejected", 1, MetricUnit.COUNT));
        return "REJECTED " + why.code();
    }

    private Map<String, Object> summary(String key, String system, LegacyRecordReader.Format format, String eTag,
                                        ImportRun.Result r, String reportKey) {
        Instant finished = importer.clock().instant();
        long millis = Math.max(1, Duration.between(r.startedAt(), finished).toMillis());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", key);
        s.put("system", system);
        s.put("format", format.name());
        s.put("eTag", eTag);
        s.put("status", r.finished() ? "COMPLETE" : "IN_PROGRESS");
        s.put("rows", r.rows());
        s.put("imported", r.imported());
        s.put("duplicates", r.duplicates());
        s.put("failed", r.failed());
        s.put("routedManually", r.manual());
        s.put("byReason", r.byReason());
        s.put("startedAt", r.startedAt().toString());
        s.put("finishedAt", r.finished() ? finished.toString() : null);
        s.put("durationMs", millis);
        s.put("lastRunMs", r.elapsed().toMillis());
        s.put("rowsPerSecond", r.elapsed().toMillis() == 0 ? null : Math.round(r.rows() * 1000.0 / r.elapsed().toMillis()));
        s.put("resumes", r.resumes());
        s.put("report", reportKey);
        return s;
    }

    private void metrics(ImportRun.Result r) {
        Observability.emit(metrics -> {
            metrics.addMetric("ImportRows", r.rows(), MetricUnit.COUNT);
            metrics.addMetric("ImportImported", r.imported(), MetricUnit.COUNT);
            metrics.addMetric("ImportDuplicates", r.duplicates(), MetricUnit.COUNT);
            metrics.addMetric("ImportFailed", r.failed(), MetricUnit.COUNT);
        });
    }

    private void put(String key, String json) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromString(json));
    }

    /** Writes failed rows as JSON objects into the report's "errors" array (several writer threads). */
    private static final class ErrorWriter implements ImportRun.FailureSink {
        private final BufferedWriter out;
        private boolean first = true;

        ErrorWriter(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void failed(int row, String originalCode, RowFailure failure) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("row", row);
            line.put("originalCode", originalCode);
            line.put("code", failure.code());
            line.put("field", failure.field());
            line.put("reason", Map.of("vi", failure.reason().vi(), "en", failure.reason().en()));
            try {
                out.write(first ? "\n" : ",\n");
                out.write(Json.write(line));
                first = false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
