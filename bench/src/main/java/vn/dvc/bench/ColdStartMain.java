package vn.dvc.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs in a fresh JVM whose class path is one function's deployable jar (plus this class and the runtime's event
 * serializer): deserialises the sample event as the Lambda runtime does, builds the handler with its no-argument
 * constructor, handles the event once, and prints the time since JVM start. Nothing else of the project is on
 * the class path, so a missing dependency in a jar shows up here.
 *
 * <p>Modes (4th argument): {@code cold} (default) also handles the event {@code bench.warmEvents} more times and
 * reports the peak heap; {@code primed} runs the SnapStart priming hooks ({@code vn.dvc.aws.Priming}) after the
 * handler is built, as Lambda would before taking the snapshot, and reports how long the first event then takes
 * (what a restored function pays for its first request, restore itself excluded); {@code check} handles every
 * further {@code eventClass=file} argument once and reports linkage errors (a class the minimised jar lacks).
 */
public final class ColdStartMain {
    private ColdStartMain() {}

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        String eventClass = args[1];
        String mode = args.length > 3 ? args[3] : "cold";
        ClassLoader loader = ColdStartMain.class.getClassLoader();
        Object event = load(eventClass, Path.of(args[2]), loader);
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        long constructed = sinceStart();
        if (mode.equals("check")) {
            check(handler, args, loader);
            return;
        }
        long primeMs = 0;
        if (mode.equals("primed")) {
            long p0 = System.nanoTime();
            try {
                Class.forName("vn.dvc.aws.Priming").getMethod("primeNow").invoke(null);
            } catch (ClassNotFoundException e) {
                // a function without AWS clients has no priming hooks (the class is not in its minimised jar)
            }
            primeMs = (System.nanoTime() - p0) / 1_000_000;
        }
        long f0 = System.nanoTime();
        handler.handleRequest(event, new BenchContext());
        long firstOnlyMs = (System.nanoTime() - f0) / 1_000_000;
        long firstDone = sinceStart();
        freshIdempotencyKey(event);
        long t0 = System.nanoTime();
        handler.handleRequest(event, new BenchContext());
        long warmMicros = (System.nanoTime() - t0) / 1000;
        int more = mode.equals("cold") ? Integer.getInteger("bench.warmEvents", 200) : 0;
        for (int i = 0; i < more; i++) {
            freshIdempotencyKey(event);
            try {
                handler.handleRequest(event, new BenchContext());
            } catch (RuntimeException e) {
                // measured all the same
            }
        }
        System.out.println("BENCH constructedMs=" + constructed + " firstEventMs=" + firstDone + " secondEventMicros=" + warmMicros
                + " heapUsedKb=" + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024
                + " peakHeapKb=" + peakHeapKb() + " primeMs=" + primeMs + " firstOnlyMs=" + firstOnlyMs);
        System.exit(0);
    }

    private static void check(RequestHandler<Object, Object> handler, String[] args, ClassLoader loader) {
        int ok = 0;
        int linkage = 0;
        String first = "-";
        for (int i = 4; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            try {
                handler.handleRequest(load(pair[0], Path.of(pair[1]), loader), new BenchContext());
                ok++;
            } catch (LinkageError e) {
                linkage++;
                if (first.equals("-")) first = Path.of(pair[1]).getFileName() + ": " + e;
            } catch (Throwable e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof LinkageError)) cause = cause.getCause();
                if (cause instanceof LinkageError || cause instanceof ClassNotFoundException) {
                    linkage++;
                    if (first.equals("-")) first = Path.of(pair[1]).getFileName() + ": " + cause;
                } else {
                    ok++; // a handler may refuse a sample (poison message...): not a packaging problem
                }
            }
        }
        System.out.println("CHECK ok=" + ok + " linkage=" + linkage + " first=" + first.replace('\n', ' '));
        System.exit(0);
    }

    static Object load(String eventClass, Path file, ClassLoader loader) throws Exception {
        Class<?> type = Class.forName(eventClass, true, loader);
        return LambdaEventSerializers.serializerFor(type, loader).fromJson(Files.readString(file));
    }

    /** Each filing gets its own Idempotency-Key, so intake is measured filing, not replaying. */
    static void freshIdempotencyKey(Object event) {
        if (event instanceof APIGatewayV2HTTPEvent http && http.getHeaders() != null
                && http.getHeaders().containsKey("idempotency-key")) {
            Map<String, String> headers = new HashMap<>(http.getHeaders());
            headers.put("idempotency-key", "bench-" + UUID.randomUUID());
            http.setHeaders(headers);
        }
    }

    /** Peak heap in use over the JVM's life (sum of the heap pools' peaks: an upper bound of the true peak). */
    static long peakHeapKb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1024;
    }

    static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    static final class BenchContext implements Context {
        @Override public String getAwsRequestId() { return "bench"; }
        @Override public String getLogGroupName() { return "bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:ap-southeast-1:000000000000:function:bench"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { }
                @Override public void log(byte[] message) { }
            };
        }
    }
}
