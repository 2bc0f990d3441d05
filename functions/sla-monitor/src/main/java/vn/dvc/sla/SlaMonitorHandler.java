package vn.dvc.sla;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.logging.Observability;
import vn.dvc.aws.notify.DynamoAgencyInbox;
import vn.dvc.aws.stats.DynamoDueIndex;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.catalog.ProcedureCatalog;
import vn.dvc.core.sla.SlaMonitor;
import vn.dvc.core.units.AdministrativeUnits;

/**
 * sla-monitor (EventBridge schedule, every 15 minutes): due-soon warnings to agencies and overdue flags with the
 * apology slip ({@link SlaMonitor}). Emits EMF metrics DueSoonWarned, OverdueFlagged, OverdueOpen, DueSoonOpen
 * (the overdue alarm and the dashboard read them). Safe to run twice: every change is conditional.
 */
public class SlaMonitorHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(SlaMonitorHandler.class);
    private final SlaMonitor monitor;

    public SlaMonitorHandler() {
        this(monitorFromEnvironment(Clock.systemUTC()));
    }

    public SlaMonitorHandler(SlaMonitor monitor) {
        this.monitor = monitor;
    }

    /** The production wiring with a chosen clock (tests run the monitor "at" an instant). */
    public static SlaMonitor monitorFromEnvironment(Clock clock) {
        String table = Env.require("DOSSIER_TABLE");
        var dynamo = AwsClients.dynamo();
        SlaMonitor.Policy policy = new SlaMonitor.Policy((int) Env.getLong("SLA_DUE_SOON_WORKING_HOURS", 8),
                (int) Env.getLong("SLA_APOLOGY_WORKING_DAYS", 5), (int) Env.getLong("SLA_MAX_PER_RUN", 2000));
        return new SlaMonitor(new DynamoDossierStore(dynamo, table), new DynamoDueIndex(dynamo, table),
                new DynamoAgencyInbox(dynamo, table), ProcedureCatalog.bundled(), WorkingDayCalendar.standard(), policy,
                AdministrativeUnits.get().provinces().stream().map(p -> p.code()).toList(), clock);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            SlaMonitor.Report r = monitor.run();
            Observability.emit(metrics -> {
                metrics.addMetric("DueSoonWarned", r.dueSoonWarned(), MetricUnit.COUNT);
                metrics.addMetric("OverdueFlagged", r.overdueFlagged(), MetricUnit.COUNT);
                metrics.addMetric("OverdueOpen", r.overdueOpen(), MetricUnit.COUNT);
                metrics.addMetric("DueSoonOpen", r.dueSoonOpen(), MetricUnit.COUNT);
                metrics.addMetric("SlaChangesFailed", r.failed(), MetricUnit.COUNT);
            });
            LOG.info("sla run: {} warned, {} flagged overdue, {} unchanged, {} failed; open: {} overdue, {} due soon",
                    r.dueSoonWarned(), r.overdueFlagged(), r.unchanged(), r.failed(), r.overdueOpen(), r.dueSoonOpen());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dueSoonWarned", r.dueSoonWarned());
            out.put("overdueFlagged", r.overdueFlagged());
            out.put("unchanged", r.unchanged());
            out.put("failed", r.failed());
            out.put("overdueOpen", r.overdueOpen());
            out.put("dueSoonOpen", r.dueSoonOpen());
            return out;
        });
    }
}
