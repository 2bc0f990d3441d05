package vn.dvc.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hosts the suite's functions in this JVM: builds each handler with its no-argument constructor (as Lambda does)
 * on first use, and invokes it with a fresh context. Handlers read configuration through {@code Env}, which the
 * runner fills with the template's resolved environment variables.
 */
public final class FunctionHost {
    private final Map<String, Template.FunctionSpec> specs = new HashMap<>();
    private final Map<String, RequestHandler<Object, Object>> instances = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> invocations = new ConcurrentHashMap<>();
    // bench (issue 9): billed milliseconds (each invocation rounded up to 1 ms, as Lambda bills) and the function
    // running on the current thread, so an SDK interceptor can tell a function's AWS calls from the runner's own
    private final Map<String, AtomicLong> billedMillis = new ConcurrentHashMap<>();
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    public FunctionHost(Iterable<Template.FunctionSpec> functions) {
        functions.forEach(f -> specs.put(f.logicalId(), f));
    }

    @SuppressWarnings("unchecked")
    public Object invoke(String functionId, Object event) {
        RequestHandler<Object, Object> handler = instances.computeIfAbsent(functionId, id -> {
            Template.FunctionSpec spec = specs.get(id);
            if (spec == null) {
                throw new IllegalArgumentException("no function " + id);
            }
            try {
                return (RequestHandler<Object, Object>) Class.forName(spec.handlerClass()).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create handler " + spec.handlerClass(), e);
            }
        });
        invocations.computeIfAbsent(functionId, id -> new AtomicLong()).incrementAndGet();
        String outer = CURRENT.get();
        CURRENT.set(functionId);
        long started = System.nanoTime();
        try {
            // issue 8: a function's own Timeout beyond the usual 60 s (the legacy importer's 15 minutes) is honoured
            Template.FunctionSpec spec = specs.get(functionId);
            return handler.handleRequest(event, new LocalContext(functionId, Math.max(60, spec.timeoutSeconds())));
        } finally {
            long nanos = System.nanoTime() - started;
            billedMillis.computeIfAbsent(functionId, id -> new AtomicLong()).addAndGet((nanos + 999_999) / 1_000_000);
            CURRENT.set(outer);
        }
    }

    /** The function whose handler runs on this thread, or null (the runner's own pollers and watchers). */
    public static String currentFunction() {
        return CURRENT.get();
    }

    /** Per function: the sum over its invocations of each invocation's duration rounded up to the millisecond. */
    public Map<String, Long> billedMillis() {
        Map<String, Long> billed = new HashMap<>();
        billedMillis.forEach((k, v) -> billed.put(k, v.get()));
        return billed;
    }

    public Map<String, Long> invocationCounts() {
        Map<String, Long> counts = new HashMap<>();
        invocations.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }
}
