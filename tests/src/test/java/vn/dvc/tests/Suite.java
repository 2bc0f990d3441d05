package vn.dvc.tests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.dvc.local.LocalSuite;

/**
 * JUnit extension: the whole local suite (engines, resources from template.yaml, functions, HTTP front door,
 * event wiring), started once per test JVM and shared by every test class. With {@code AWS_ENDPOINT_URL} set
 * (moto, LocalStack) the same tests run against that engine instead.
 */
public final class Suite implements BeforeAllCallback {
    private static volatile LocalSuite suite;
    private static volatile Api api;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    public static synchronized LocalSuite start() {
        if (suite == null) {
            long t0 = System.nanoTime();
            suite = LocalSuite.start(0);
            vn.dvc.local.DemoCitizens.seed(suite); // the synthetic population register the validation worker checks
            api = new Api(suite.baseUrl());
            System.out.printf("local suite started in %d ms on %s%n", (System.nanoTime() - t0) / 1_000_000, suite.baseUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> suite.close()));
        }
        return suite;
    }

    public static LocalSuite suite() {
        return start();
    }

    public static Api api() {
        start();
        return api;
    }
}
