package vn.dvc.aws.logging;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import vn.dvc.aws.config.Env;

/** Powertools metrics (CloudWatch EMF) with the namespace from configuration, also when hosted by the local runner. */
public final class Observability {
    private Observability() {}

    public static Metrics metrics() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(Env.get("POWERTOOLS_METRICS_NAMESPACE", "DvcServerless"));
        metrics.setRaiseOnEmptyMetrics(false);
        return metrics;
    }
}
