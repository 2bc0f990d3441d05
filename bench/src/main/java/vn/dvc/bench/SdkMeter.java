package vn.dvc.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * A global SDK execution interceptor (registered through the SDK's {@code execution.interceptors} resource, so every
 * client of the suite gets it without code changes): counts AWS calls, time spent inside them, and DynamoDB
 * capacity consumed (it asks every DynamoDB request to return it). Thread-confined counters: the bench invokes
 * handlers on one thread.
 */
public final class SdkMeter implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");
    static final AtomicLong CALLS = new AtomicLong();
    static final AtomicLong NANOS = new AtomicLong();
    /** Calls and nanoseconds of the current thread (sync clients run the call on the caller's thread). */
    static final ThreadLocal<long[]> THREAD = ThreadLocal.withInitial(() -> new long[2]);
    static final java.util.concurrent.atomic.DoubleAdder READ_UNITS = new java.util.concurrent.atomic.DoubleAdder();
    static final java.util.concurrent.atomic.DoubleAdder WRITE_UNITS = new java.util.concurrent.atomic.DoubleAdder();
    static final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> BY_SERVICE = new java.util.concurrent.ConcurrentHashMap<>();
    /** Calls made inside a function's handler (what a deployed function would pay for), by service:operation. */
    static final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> IN_FUNCTIONS = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof PutItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof UpdateItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof DeleteItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof QueryRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof ScanRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof TransactWriteItemsRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof TransactGetItemsRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof BatchGetItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof BatchWriteItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        return request;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        long elapsed = started == null ? 0 : System.nanoTime() - started;
        NANOS.addAndGet(elapsed);
        CALLS.incrementAndGet();
        long[] mine = THREAD.get();
        mine[0]++;
        mine[1] += elapsed;
        String service = context.request().getClass().getPackageName().replace("software.amazon.awssdk.services.", "")
                .replace(".model", "") + ":" + context.request().getClass().getSimpleName().replace("Request", "");
        BY_SERVICE.computeIfAbsent(service, k -> new AtomicLong()).incrementAndGet();
        if (vn.dvc.local.FunctionHost.currentFunction() != null) {
            IN_FUNCTIONS.computeIfAbsent(service, k -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (vn.dvc.local.FunctionHost.currentFunction() == null) {
            return; // the bench's or the runner's own reads are not the application's capacity
        }
        Object response = context.response();
        for (String method : new String[] {"consumedCapacity"}) {
            try {
                Object value = response.getClass().getMethod(method).invoke(response);
                if (value instanceof ConsumedCapacity c) {
                    add(c);
                } else if (value instanceof java.util.List<?> list) {
                    list.forEach(v -> add((ConsumedCapacity) v));
                }
            } catch (ReflectiveOperationException | ClassCastException e) {
                // not a DynamoDB response
            }
        }
    }

    private static void add(ConsumedCapacity c) {
        if (c == null) return;
        if (c.readCapacityUnits() != null) READ_UNITS.add(c.readCapacityUnits());
        if (c.writeCapacityUnits() != null) WRITE_UNITS.add(c.writeCapacityUnits());
        if (c.readCapacityUnits() == null && c.writeCapacityUnits() == null && c.capacityUnits() != null) {
            WRITE_UNITS.add(c.capacityUnits());
        }
    }

    static void reset() {
        CALLS.set(0);
        NANOS.set(0);
        BY_SERVICE.clear();
        IN_FUNCTIONS.clear();
        READ_UNITS.reset();
        WRITE_UNITS.reset();
    }
}
