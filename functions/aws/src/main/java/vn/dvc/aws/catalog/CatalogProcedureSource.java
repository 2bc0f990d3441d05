package vn.dvc.aws.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.config.Env;
import vn.dvc.core.catalog.LiveCatalog;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.intake.ProcedureSource;

/**
 * Procedures from the bundled, sourced catalog; {@link #fromEnvironment()} layers the versions operators published
 * in the catalog table ({@code CATALOG_TABLE}) on top.
 */
public final class CatalogProcedureSource implements ProcedureSource {
    /** How long a function instance serves its snapshot of the latest versions before reading them again. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    private final ProcedureCatalog catalog;

    public CatalogProcedureSource(ProcedureCatalog catalog) {
        this.catalog = catalog;
    }

    public static CatalogProcedureSource bundled() {
        return new CatalogProcedureSource(ProcedureCatalog.bundled());
    }

    /**
     * The live catalog: bundled seed plus published versions from {@code CATALOG_TABLE} (re-read every
     * {@code CATALOG_REFRESH_SECONDS}, default 60); the bundled seed alone when no table is configured.
     */
    public static LiveCatalog fromEnvironment() {
        String table = Env.get("CATALOG_TABLE");
        Duration refresh = Duration.ofSeconds(Env.getLong("CATALOG_REFRESH_SECONDS", DEFAULT_REFRESH.toSeconds()));
        return new LiveCatalog(ProcedureCatalog.bundled(),
                table == null ? null : new DynamoPublishedProcedures(AwsClients::dynamo, table),
                Clock.systemUTC(), refresh);
    }

    @Override
    public Optional<Procedure> current(String code) {
        return catalog.byCode(code);
    }

    @Override
    public Optional<Procedure> version(String code, int version) {
        return catalog.byCode(code).filter(p -> p.version() == version);
    }
}
