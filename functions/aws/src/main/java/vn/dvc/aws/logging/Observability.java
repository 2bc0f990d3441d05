package vn.dvc.aws.logging;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import vn.dvc.aws.config.Env;

/** Powertools metrics (CloudWatch EMF) with the namespace from configuration, also when hosted by the local runner. */
public final class Observability {
    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private Observability() {}

    public static Metrics metrics() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(Env.get("POWERTOOLS_METRICS_NAMESPACE", "DvcServerless"));
        metrics.setRaiseOnEmptyMetrics(false);
        return metrics;
    }

    /**
     * Adds metrics and flushes them as one EMF line. The Powertools instance is one per JVM: Lambda runs one
     * invocation at a time, but the local runner hosts every function in one JVM, hence the lock. A metrics failure
     * never fails the request.
     */
    public static void emit(Consumer<Metrics> adder) {
        Metrics metrics = metrics();
        synchronized (metrics) {
            try {
                adder.accept(metrics);
                metrics.flush();
            } catch (RuntimeException e) {
                LOG.warn("metrics not emitted: {}", e.toString());
            }
        }
    }
}
