package vn.dvc.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose class path is one function's deployable jar (plus this class and the runtime's event
 * serializer): deserialises the sample event as the Lambda runtime does, builds the handler with its no-argument
 * constructor, handles the event once, and prints the time since JVM start. Nothing else of the project is on
 * the class path, so a missing dependency in a jar shows up here.
 */
public final class ColdStartMain {
    private ColdStartMain() {}

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        String eventClass = args[1];
        String json = Files.readString(Path.of(args[2]));
        ClassLoader loader = ColdStartMain.class.getClassLoader();
        Class<?> type = Class.forName(eventClass, true, loader);
        Object event = LambdaEventSerializers.serializerFor(type, loader).fromJson(json);
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        long constructed = sinceStart();
        handler.handleRequest(event, new BenchContext());
        long firstDone = sinceStart();
        long t0 = System.nanoTime();
        handler.handleRequest(event, new BenchContext());
        long warmMicros = (System.nanoTime() - t0) / 1000;
        System.out.println("BENCH constructedMs=" + constructed + " firstEventMs=" + firstDone + " secondEventMicros=" + warmMicros
                + " heapUsedKb=" + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024);
        System.exit(0);
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
