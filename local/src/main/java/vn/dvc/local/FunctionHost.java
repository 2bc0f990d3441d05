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
        return handler.handleRequest(event, new LocalContext(functionId, 60));
    }

    public Map<String, Long> invocationCounts() {
        Map<String, Long> counts = new HashMap<>();
        invocations.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }
}
