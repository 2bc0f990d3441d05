package vn.dvc.core.agency;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import vn.dvc.core.catalog.FieldError;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.text.LocalizedText;
import vn.dvc.core.units.AdministrativeUnits;

/**
 * The agencies as served: generated from the units, with the values operators replaced layered on top
 * ({@link Agencies#withOverrides}). Like the procedure catalog, the replacements are read from storage at most once
 * per {@code refresh} per instance (one query) and served from memory in between; a replacement made through this
 * instance is visible here at once, through other instances within {@code refresh}. If storage fails after a first
 * load, the last snapshot is served.
 */
public final class LiveAgencies {

    /** An agency as it reads now, and the replacement it comes from (null while it is generated). */
    public record View(Agency agency, AgencyReplacement replacement) {
        public int revision() {
            return replacement == null ? 0 : replacement.revision();
        }
    }

    private record Snapshot(Map<String, AgencyReplacement> replacements, long loadedAtMillis) {}

    private record Built(Snapshot from, LocalDate namesAsOf, Agencies agencies) {}

    private final AdministrativeUnits units;
    private final ReplacedAgencies store;
    private final Clock clock;
    private final long refreshMillis;
    private volatile Snapshot snapshot;
    private volatile Built built;

    /** @param store the replacements, or null for generated agencies only (read-only) */
    public LiveAgencies(AdministrativeUnits units, ReplacedAgencies store, Clock clock, Duration refresh) {
        this.units = units;
        this.store = store;
        this.clock = clock;
        this.refreshMillis = refresh.toMillis();
    }

    /** Generated agencies (names as of {@code namesAsOf}) with the current replacements. */
    public Agencies agencies(LocalDate namesAsOf) {
        Snapshot current = snapshot();
        Built b = built;
        if (b != null && b.from() == current && b.namesAsOf().equals(namesAsOf)) {
            return b.agencies();
        }
        Agencies agencies = Agencies.generate(units, namesAsOf)
                .withOverrides(current.replacements().values().stream().map(AgencyReplacement::agency).toList());
        built = new Built(current, namesAsOf, agencies);
        return agencies;
    }

    /** One agency with its provenance; empty for an id of no agency. */
    public Optional<View> byId(String id, LocalDate namesAsOf) {
        return agencies(namesAsOf).byId(id).map(a -> new View(a, snapshot().replacements().get(a.id())));
    }

    /** The replacement an agency's values come from, if any (from the snapshot). */
    public Optional<AgencyReplacement> replacement(String id) {
        return Optional.ofNullable(snapshot().replacements().get(id));
    }

    /**
     * Replaces the values of agency {@code id} with an operator's document, atomically.
     *
     * <ul>
     *   <li>404 AGENCY_NOT_FOUND for an id of no agency (never creates one);</li>
     *   <li>{@code precondition} sees the agency as it reads now (consistent read) and may refuse: 412 (If-Match);</li>
     *   <li>the whole document is checked first ({@link AgencyDocuments}): 422 AGENCY_INVALID with every problem,
     *       nothing written;</li>
     *   <li>the new revision is the current + 1; a document naming another one is 409 REVISION_CONFLICT, and so is a
     *       concurrent replacement that stored first (the write is conditional on the revision read here).</li>
     * </ul>
     */
    public AgencyReplacement replace(String id, JsonNode document, Predicate<View> precondition, String by, LocalDate namesAsOf) {
        if (store == null) {
            throw new ApiException(503, "CATALOG_READ_ONLY", LocalizedText.of(
                    "Danh mục cơ quan đang ở chế độ chỉ đọc.", "The agency list is read-only here."));
        }
        Agency generated = Agencies.generate(units, namesAsOf).byId(id).orElseThrow(() -> notFound(id));
        Optional<AgencyReplacement> stored = store.latest(id);
        View current = stored.map(r -> new View(r.agency(), r)).orElse(new View(generated, null));
        if (!precondition.test(current)) {
            throw new ApiException(412, "PRECONDITION_FAILED", LocalizedText.of(
                    "Thông tin cơ quan đã thay đổi từ lần đọc trước (If-Match không khớp); hãy tải lại.",
                    "The agency changed since it was read (If-Match does not match); fetch it again."));
        }
        AgencyDocuments.Parsed parsed = AgencyDocuments.parse(current.agency(), document);
        if (!parsed.errors().isEmpty()) {
            throw invalid(parsed.errors());
        }
        int next = current.revision() + 1;
        if (parsed.revision() != null && parsed.revision() != next) {
            throw revisionConflict(current.revision());
        }
        AgencyReplacement replacement = new AgencyReplacement(parsed.agency(), next, by, clock.instant());
        try {
            store.replace(replacement, current.revision());
        } catch (ReplacedAgencies.Conflict e) {
            throw new ApiException(409, "REVISION_CONFLICT", LocalizedText.of(
                    "Một thay đổi khác vừa được lưu; hãy tải lại và thử lại.",
                    "Another replacement was stored meanwhile; fetch it and retry."));
        }
        Snapshot old = snapshot;
        Map<String, AgencyReplacement> mine = new HashMap<>(old == null ? Map.of() : old.replacements());
        mine.put(id, replacement);
        // this instance sees its own replacement at once (the rest of the snapshot keeps its age)
        snapshot = new Snapshot(Map.copyOf(mine), old == null ? clock.millis() : old.loadedAtMillis());
        return replacement;
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        long now = clock.millis();
        if (store == null) {
            if (current == null) {
                current = new Snapshot(Map.of(), now);
                snapshot = current;
            }
            return current;
        }
        if (current != null && now - current.loadedAtMillis() < refreshMillis) {
            return current;
        }
        try {
            Map<String, AgencyReplacement> all = new HashMap<>();
            for (AgencyReplacement r : store.latest()) {
                all.put(r.agency().id(), r);
            }
            Snapshot fresh = new Snapshot(Map.copyOf(all), now);
            snapshot = fresh;
            return fresh;
        } catch (RuntimeException e) {
            if (current != null) {
                return current; // stale rather than down; the next call tries again
            }
            throw e;
        }
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("AGENCY_NOT_FOUND", "Không có cơ quan nào mang mã " + id + ".", "No agency has id " + id + ".");
    }

    private static ApiException revisionConflict(int latest) {
        return new ApiException(409, "REVISION_CONFLICT", LocalizedText.of(
                "Số hiệu chỉnh phải là " + (latest + 1) + " (hiện là " + latest + ").",
                "The revision must be " + (latest + 1) + " (the latest is " + latest + ")."),
                List.of(Map.of("latestRevision", latest, "expectedRevision", latest + 1)));
    }

    private static ApiException invalid(List<FieldError> errors) {
        return new ApiException(422, "AGENCY_INVALID", LocalizedText.of(
                "Thông tin cơ quan không hợp lệ (" + errors.size() + " lỗi); không có gì được lưu.",
                "The agency document is invalid (" + errors.size() + " problems); nothing was saved."),
                AgencyDocuments.details(errors));
    }
}
