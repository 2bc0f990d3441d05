package vn.dvc.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.intake.ProcedureSource;
import vn.dvc.core.text.LocalizedText;

/**
 * The catalog as served: the bundled, sourced seed (version 1 of each code) with the versions operators published
 * since layered on top. Published versions are immutable; a dossier names the version it was filed under and
 * keeps it ({@link #version}), while new filings take the latest ({@link #current}).
 *
 * <p>The latest versions are read from storage at most once per {@code refresh} per instance (one query) and
 * served from memory in between, so reads cost no round trip; a version published through this instance is
 * visible here at once, through other instances within {@code refresh}. If storage fails after a first load,
 * the last snapshot keeps being served (stale rather than down) and the next call tries again.
 */
public final class LiveCatalog implements ProcedureSource {

    private record Snapshot(ProcedureCatalog catalog, long loadedAtMillis) {
    }

    private final ProcedureCatalog bundled;
    private final PublishedProcedures published;
    private final Clock clock;
    private final long refreshMillis;
    private final Map<String, Procedure> versions = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    /**
     * @param published operator-published versions, or null for the bundled seed only
     * @param refresh   how long a snapshot of the latest versions is served before it is read again
     */
    public LiveCatalog(ProcedureCatalog bundled, PublishedProcedures published, Clock clock, Duration refresh) {
        this.bundled = bundled;
        this.published = published;
        this.clock = clock;
        this.refreshMillis = refresh.toMillis();
    }

    /** The newest version of every procedure: bundled codes in seed order, then codes published later. */
    public ProcedureCatalog catalog() {
        if (published == null) {
            return bundled;
        }
        Snapshot current = snapshot;
        long now = clock.millis();
        if (current != null && now - current.loadedAtMillis() < refreshMillis) {
            return current.catalog();
        }
        try {
            List<Procedure> merged = new ArrayList<>(bundled.all());
            merged.addAll(published.latest());
            Snapshot fresh = new Snapshot(ProcedureCatalog.of(merged), now);
            snapshot = fresh;
            return fresh.catalog();
        } catch (RuntimeException e) {
            if (current != null) {
                return current.catalog();
            }
            throw e;
        }
    }

    @Override
    public Optional<Procedure> current(String code) {
        return catalog().byCode(code);
    }

    @Override
    public Optional<Procedure> version(String code, int version) {
        if (code == null || version < 1) {
            return Optional.empty();
        }
        Optional<Procedure> seed = bundled.byCode(code).filter(p -> p.version() == version);
        if (seed.isPresent() || published == null) {
            return seed;
        }
        String key = code + "#" + version;
        Procedure cached = versions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Procedure> stored = published.version(code, version);
        stored.ifPresent(p -> versions.put(key, p)); // immutable once published: cached for the instance's life
        return stored;
    }

    /**
     * Publishes a new version of {@code code} from an operator's document, atomically.
     *
     * <ul>
     *   <li>The new version is the latest + 1; a document may leave {@code version} out, or must give exactly that
     *       number (else 409 VERSION_CONFLICT: someone published meanwhile, or the operator edited an old copy).</li>
     *   <li>{@code precondition} sees the current latest version (empty for a new code) and may refuse (412), for
     *       HTTP If-Match.</li>
     *   <li>The whole document is checked first ({@link ProcedureDocuments}): 422 with every problem in
     *       {@code details}, and nothing written.</li>
     *   <li>The write is conditional on the latest stored version being the one read here, so of two concurrent
     *       publications one wins and the other gets 409 with nothing written.</li>
     * </ul>
     */
    public Procedure publish(String code, JsonNode document, Predicate<Optional<Procedure>> precondition, String by) {
        if (published == null) {
            throw new ApiException(503, "CATALOG_READ_ONLY", LocalizedText.of(
                    "Danh mục thủ tục đang ở chế độ chỉ đọc.", "The procedure catalog is read-only here."));
        }
        Optional<Procedure> stored = published.latest(code);
        Optional<Procedure> seed = bundled.byCode(code);
        Optional<Procedure> latest = stored.isPresent()
                && (seed.isEmpty() || stored.get().version() > seed.get().version()) ? stored : seed;
        int next = latest.map(Procedure::version).orElse(0) + 1;
        if (!precondition.test(latest)) {
            throw new ApiException(412, "PRECONDITION_FAILED", LocalizedText.of(
                    "Thủ tục đã được cập nhật từ lần đọc trước (If-Match không khớp); hãy tải lại phiên bản mới nhất.",
                    "The procedure changed since it was read (If-Match does not match); fetch the latest version."));
        }
        if (document == null || !document.isObject()) {
            throw new ApiException(400, "MALFORMED_JSON", LocalizedText.of(
                    "Nội dung phải là một đối tượng JSON.", "The body must be a JSON object."));
        }
        ObjectNode doc = ((ObjectNode) document).deepCopy();
        JsonNode givenVersion = doc.get("version");
        if (givenVersion == null || givenVersion.isNull()) {
            doc.put("version", next);
        }
        JsonNode givenCode = doc.get("code");
        if (givenCode == null || givenCode.isNull()) {
            doc.put("code", code);
        }
        ProcedureDocuments.Parsed parsed = ProcedureDocuments.parse(doc);
        List<FieldError> errors = new ArrayList<>(parsed.errors());
        if (givenCode != null && !givenCode.isNull() && !code.equals(givenCode.asText())) {
            errors.add(new FieldError("code", "CODE_MISMATCH", LocalizedText.of(
                    "Mã thủ tục trong nội dung khác mã trên đường dẫn", "The document's code differs from the path's")));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Procedure procedure = parsed.procedure();
        if (procedure.version() != next) {
            throw new ApiException(409, "VERSION_CONFLICT", LocalizedText.of(
                    "Phiên bản phải là " + next + " (phiên bản mới nhất hiện là " + (next - 1) + ").",
                    "The version must be " + next + " (the latest is " + (next - 1) + ")."),
                    List.of(Map.of("latestVersion", next - 1, "expectedVersion", next)));
        }
        try {
            published.publish(procedure, stored.map(Procedure::version).orElse(null), by, clock.instant());
        } catch (PublishedProcedures.Conflict e) {
            throw new ApiException(409, "VERSION_CONFLICT", LocalizedText.of(
                    "Một phiên bản khác vừa được công bố; hãy tải lại và thử lại.",
                    "Another version was published meanwhile; fetch it and retry."));
        }
        versions.put(code + "#" + procedure.version(), procedure);
        snapshot = null; // this instance sees its own publication at once
        return procedure;
    }

    private static ApiException invalid(List<FieldError> errors) {
        List<Map<String, Object>> details = new ArrayList<>();
        for (FieldError error : errors) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("path", error.path());
            detail.put("code", error.code());
            detail.put("messages", Map.of("vi", error.message().vi(), "en", error.message().en()));
            details.add(detail);
        }
        return new ApiException(422, "PROCEDURE_INVALID", LocalizedText.of(
                "Tài liệu thủ tục không hợp lệ (" + errors.size() + " lỗi); không có gì được lưu.",
                "The procedure document is invalid (" + errors.size() + " problems); nothing was saved."), details);
    }
}
