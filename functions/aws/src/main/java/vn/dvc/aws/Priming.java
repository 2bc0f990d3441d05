package vn.dvc.aws;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvc.core.json.Json;

/**
 * SnapStart priming (performance, issue 9): work done before the snapshot is taken is not paid again on restore.
 * Each SDK client registers its steps here when it is built (in the handler's constructor, i.e. during init); before
 * the checkpoint every step runs once: one real read of the dossier table (a key that never exists, so nothing
 * changes: connection, signing, marshalling), one presigned URL and a JSON round trip. (The SDK's own
 * {@code SdkWarmUp} is not used: its service-loaded providers would put every SDK service, sync and async, in every
 * jar.) Steps never throw: priming must not break a deployment. Without SnapStart (local runner, tests,
 * plain Lambda) {@code org.crac} registration does nothing and no step runs.
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    private static final List<Runnable> STEPS = new CopyOnWriteArrayList<>();
    /** Held strongly: a CRaC context may keep only weak references to its resources. */
    private static final Priming INSTANCE = new Priming();

    static {
        try {
            Core.getGlobalContext().register(INSTANCE);
        } catch (RuntimeException | LinkageError e) {
            // no CRaC support: priming is an optimisation only
        }
        STEPS.add(() -> Json.read(Json.write(Map.of("code", "PRIME", "at", "2026-01-01T00:00:00Z", "n", List.of(1, 2))), Map.class));
    }

    private Priming() {}

    /** Any other step (a real read of the table, a presigned URL...): must be harmless and idempotent. */
    public static void register(Runnable step) {
        STEPS.add(step);
    }

    /** Runs every registered step once; returns how many succeeded. Called before the checkpoint (and by the bench). */
    public static int primeNow() {
        long t0 = System.nanoTime();
        int ok = 0;
        for (Runnable step : STEPS) {
            try {
                step.run();
                ok++;
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("priming step failed: {}", e.toString());
            }
        }
        LOG.info("primed {} of {} steps in {} ms", ok, STEPS.size(), (System.nanoTime() - t0) / 1_000_000);
        return ok;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        primeNow();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the SDK re-resolves credentials and reopens connections by itself
    }
}
