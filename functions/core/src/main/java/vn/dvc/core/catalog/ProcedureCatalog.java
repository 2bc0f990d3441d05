package vn.dvc.core.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The procedures this deployment serves, newest version per code. The bundled seed
 * ({@code data/procedures/procedures.json}) is parsed on first use only, so a Lambda that never
 * touches the catalog pays nothing at cold start.
 */
public final class ProcedureCatalog {

    static final String BUNDLED_RESOURCE = "/data/procedures/procedures.json";

    /**
     * A databind mapper for writing procedure documents (API responses, storage) and reading single documents
     * sent by operators: ISO dates, unknown properties ignored. Built on first call only.
     */
    public static ObjectMapper mapper() {
        return DocumentMapper.INSTANCE;
    }

    private final Map<String, Procedure> latestByCode;
    private final List<Procedure> all;

    private ProcedureCatalog(List<Procedure> procedures) {
        Map<String, Procedure> latest = new LinkedHashMap<>();
        for (Procedure procedure : procedures) {
            latest.merge(procedure.code(), procedure,
                    (kept, candidate) -> candidate.version() > kept.version() ? candidate : kept);
        }
        this.latestByCode = Map.copyOf(latest);
        this.all = List.copyOf(latest.values());
    }

    /** The catalog of the bundled seed, loaded on first call. */
    public static ProcedureCatalog bundled() {
        return Bundled.INSTANCE;
    }

    /** A catalog of the given procedure versions (e.g. read from storage). */
    public static ProcedureCatalog of(List<Procedure> procedures) {
        return new ProcedureCatalog(procedures);
    }

    /** Parses a JSON array of procedure documents (streaming, no ObjectMapper: see ProcedureJsonReader). */
    public static ProcedureCatalog read(InputStream json) {
        try {
            return new ProcedureCatalog(ProcedureJsonReader.read(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read procedure documents", e);
        }
    }

    /** The newest version of the procedure with this national code. */
    public Optional<Procedure> byCode(String code) {
        return Optional.ofNullable(code == null ? null : latestByCode.get(code));
    }

    /** Every procedure (newest versions), in seed order. */
    public List<Procedure> all() {
        return all;
    }

    /** True when the procedure exists and the province publishes it. */
    public boolean isPublishedIn(String code, String provinceCode) {
        return byCode(code).map(p -> p.isPublishedIn(provinceCode)).orElse(false);
    }

    /** The procedures a province publishes, sorted by code. */
    public List<Procedure> publishedIn(String provinceCode) {
        List<Procedure> published = new ArrayList<>();
        for (Procedure procedure : all) {
            if (procedure.isPublishedIn(provinceCode)) {
                published.add(procedure);
            }
        }
        published.sort(Comparator.comparing(Procedure::code));
        return published;
    }

    private static final class DocumentMapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Initialization-on-demand holder: the JVM guarantees one thread-safe load, on first access. */
    private static final class Bundled {
        static final ProcedureCatalog INSTANCE = load();

        private static ProcedureCatalog load() {
            try (InputStream in = ProcedureCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + BUNDLED_RESOURCE);
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
