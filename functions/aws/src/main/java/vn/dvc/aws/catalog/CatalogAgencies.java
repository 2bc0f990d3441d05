package vn.dvc.aws.catalog;

import java.time.Clock;
import java.time.Duration;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.config.Env;
import vn.dvc.core.agency.LiveAgencies;
import vn.dvc.core.units.AdministrativeUnits;

/**
 * The agencies with operators' replacements from {@code CATALOG_TABLE} (re-read every {@code CATALOG_REFRESH_SECONDS},
 * default 60), one instance per function instance: catalog-api serves and replaces through it, and the functions
 * that name agencies (intake's filing answer, routing) read it through {@code Routing.useAgencies}.
 */
public final class CatalogAgencies {
    private record Shared(String table, LiveAgencies agencies) {}

    private static volatile Shared shared;

    private CatalogAgencies() {}

    /** One per table (a test JVM may host suites with differently prefixed tables one after the other). */
    public static LiveAgencies fromEnvironment() {
        String table = Env.get("CATALOG_TABLE");
        Shared s = shared;
        if (s == null || !java.util.Objects.equals(s.table(), table)) {
            synchronized (CatalogAgencies.class) {
                s = shared;
                if (s == null || !java.util.Objects.equals(s.table(), table)) {
                    Duration refresh = Duration.ofSeconds(Env.getLong("CATALOG_REFRESH_SECONDS",
                            CatalogProcedureSource.DEFAULT_REFRESH.toSeconds()));
                    s = new Shared(table, new LiveAgencies(AdministrativeUnits.get(),
                            table == null ? null : new DynamoReplacedAgencies(AwsClients::dynamo, table),
                            Clock.systemUTC(), refresh));
                    shared = s;
                }
            }
        }
        return s.agencies();
    }
}
