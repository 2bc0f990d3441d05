package vn.dvc.stats;

import vn.dvc.aws.clients.DynamoClients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.LocalDate;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.aws.stats.DynamoDueIndex;
import vn.dvc.aws.stats.DynamoStatsStore;
import vn.dvc.core.agency.Agencies;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.stats.EarlyWarning;
import vn.dvc.core.stats.StatsQuery;
import vn.dvc.core.stats.StatsService;
import vn.dvc.core.units.AdministrativeUnits;

/**
 * stats-api (HTTP API, JWT): {@code GET /stats} — service-quality indicators of a scope over a date range, and a
 * ranking of its units (worst on-time rate first) with early-warning flags. SUPERVISOR: own province; OFFICIAL: own
 * agency; OPERATOR: anything ({@link StatsQuery}). Reads the statistics table and the due-date index only.
 */
public class StatsApiHandler extends HttpApiHandler {
    private final StatsService stats;
    private final AdministrativeUnits units;
    private final Agencies agencies;
    private final Clock clock;

    public StatsApiHandler() {
        this(serviceFromEnvironment(), AdministrativeUnits.get(), Holder.AGENCIES, Clock.systemUTC());
    }

    public StatsApiHandler(StatsService stats, AdministrativeUnits units, Agencies agencies, Clock clock) {
        this.stats = stats;
        this.units = units;
        this.agencies = agencies;
        this.clock = clock;
        on("GET /stats", this::get);
        // ---- legacy import summaries (issue 8): operator only, S3 reads of import-reports/
        on("GET /imports", r -> imports().list(r));
        on("GET /imports/{name}", r -> imports().one(r));
    }

    private volatile ImportsApi imports;

    private ImportsApi imports() {
        if (imports == null) {
            imports = new ImportsApi(vn.dvc.aws.clients.S3Clients.s3(), vn.dvc.aws.clients.S3Clients.presigner(),
                    Env.require("DOCUMENT_BUCKET"), clock);
        }
        return imports;
    }

    private static final class Holder {
        static final Agencies AGENCIES = Agencies.generate(AdministrativeUnits.get(), LocalDate.now());
    }

    static StatsService serviceFromEnvironment() {
        var dynamo = DynamoClients.dynamo();
        EarlyWarning warning = new EarlyWarning(Double.parseDouble(Env.get("STATS_ALERT_ON_TIME_RATE", "0.90")),
                Double.parseDouble(Env.get("STATS_WATCH_ON_TIME_RATE", "0.95")));
        return new StatsService(new DynamoStatsStore(dynamo, Env.require("STATS_TABLE")),
                new DynamoDueIndex(dynamo, Env.require("DOSSIER_TABLE")), AdministrativeUnits.get(), Holder.AGENCIES,
                ProcedureCatalog.bundled(), warning, Clock.systemUTC());
    }

    private APIGatewayV2HTTPResponse get(HttpRequest request) {
        LocalDate today = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE));
        StatsQuery query = StatsQuery.parse(request.queryParams(), request.caller(), today, units, agencies);
        return HttpResponse.json(200, stats.answer(query));
    }
}
