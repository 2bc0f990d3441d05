package vn.dvc.tests;

import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Fault injection for the reliability suite: a global SDK execution interceptor (registered by the test-scoped
 * resource {@code software/amazon/awssdk/global/handlers/execution.interceptors}, so it never reaches a function jar)
 * that, once a test {@link #enable enables} it, decides the fate of every DynamoDB, S3 and SQS call made inside a
 * function's handler from a seeded schedule: the n-th call's fate depends only on the seed and n.
 *
 * <p>Kinds: throttling and 5xx (service errors the SDK retries; "persistent" ones fail every SDK attempt, so the
 * handler sees them and its event source must retry), timeouts (an I/O timeout, retried by the SDK, persistent
 * ones reach the handler), and two handler crashes on writes: before the write (the step read, then died) and
 * after it (the write is durable, the handler dies before it answers, so the whole step runs again).
 *
 * <p>Only calls made inside a function's invocation ({@code FunctionHost.currentFunction()}) are touched: the runner's pollers and
 * the tests' own reads and assertions never see a fault. Inert until enabled.
 */
public final class FaultInjector implements ExecutionInterceptor {
    public enum Kind { THROTTLE, SERVER_ERROR, TIMEOUT, CRASH_BEFORE_WRITE, CRASH_AFTER_WRITE }

    /** Thrown by the injector to stand for a handler dying mid-step (not an SDK error: nothing retries it in-process). */
    public static final class InjectedCrash extends RuntimeException {
        InjectedCrash(String message) {
            super(message);
        }
    }

    /** @param onlyFunction the one function whose calls are touched (null: every function's) */
    private record Schedule(long seed, double rate, double persistentShare, String onlyFunction) {
    }

    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem", "PutObject", "CopyObject", "DeleteObject", "SendMessage", "SendMessageBatch");
    private static final ExecutionAttribute<Kind> FATE = new ExecutionAttribute<>("faults.fate");
    private static final ExecutionAttribute<Boolean> PERSISTENT = new ExecutionAttribute<>("faults.persistent");
    private static final ExecutionAttribute<Integer> ATTEMPT = new ExecutionAttribute<>("faults.attempt");
    private static final AtomicLong CALLS = new AtomicLong();
    private static final Map<String, AtomicLong> INJECTED = new ConcurrentHashMap<>();
    private static volatile Schedule schedule;

    /** Switches injection on: a share {@code rate} of the functions' calls gets a fault. */
    public static void enable(long seed, double rate, double persistentShare) {
        enable(seed, rate, persistentShare, null);
    }

    /** As {@link #enable(long, double, double)}, for one function's calls only (e.g. DocumentProcessorFunction). */
    public static void enable(long seed, double rate, double persistentShare, String onlyFunction) {
        INJECTED.clear();
        CALLS.set(0);
        schedule = new Schedule(seed, rate, persistentShare, onlyFunction);
    }

    public static void disable() {
        schedule = null;
    }

    /** Faults injected since {@link #enable}, keyed {@code kind} and {@code service:kind}. */
    public static Map<String, Long> injected() {
        Map<String, Long> out = new TreeMap<>();
        INJECTED.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Calls made by functions while enabled (the schedule's n). */
    public static long callsSeen() {
        return CALLS.get();
    }

    /** A call made by a function's handler (the host marks its thread), not by the runner or the test itself. */
    private static boolean insideFunction(String onlyFunction) {
        String current = vn.dvc.local.FunctionHost.currentFunction();
        return current != null && (onlyFunction == null || onlyFunction.equals(current));
    }

    /** One spelling per service (the SDK's attributes differ between the execution phases: "s3" and "S3"). */
    private static String canonical(String service) {
        return switch (service == null ? "" : service.toLowerCase(java.util.Locale.ROOT)) {
            case "dynamodb" -> "DynamoDb";
            case "s3" -> "S3";
            case "sqs" -> "Sqs";
            default -> service;
        };
    }

    private static void count(Kind kind, String rawService) {
        String service = canonical(rawService);
        INJECTED.computeIfAbsent(kind.name(), k -> new AtomicLong()).incrementAndGet();
        INJECTED.computeIfAbsent(service + ":" + kind.name(), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Schedule s = schedule;
        if (s == null || !insideFunction(s.onlyFunction())) {
            return;
        }
        // SplittableRandom mixes its seed, so neighbouring call numbers get independent fates
        SplittableRandom fate = new SplittableRandom(s.seed() * 1_000_003L + CALLS.incrementAndGet());
        if (fate.nextDouble() >= s.rate()) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        boolean write = WRITES.contains(operation);
        Kind kind = Kind.values()[fate.nextInt(write ? 5 : 3)];
        if (kind == Kind.CRASH_BEFORE_WRITE) {
            count(kind, service);
            throw new InjectedCrash("injected crash before " + service + "." + operation);
        }
        attributes.putAttribute(FATE, kind);
        attributes.putAttribute(PERSISTENT, fate.nextDouble() < s.persistentShare());
        attributes.putAttribute(ATTEMPT, 0);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Kind kind = attributes.getAttribute(FATE);
        if (kind == null || kind == Kind.CRASH_AFTER_WRITE) {
            return;
        }
        int attempt = attributes.getAttribute(ATTEMPT) + 1;
        attributes.putAttribute(ATTEMPT, attempt);
        if (attempt > 1 && !attributes.getAttribute(PERSISTENT)) {
            return; // a transient fault: the SDK's retry goes through
        }
        String service = canonical(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        count(kind, service);
        throw switch (kind) {
            case TIMEOUT -> SdkClientException.builder().message("injected: read timed out")
                    .cause(new SocketTimeoutException("Read timed out")).build();
            case THROTTLE -> serviceError(service, true);
            default -> serviceError(service, false);
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(FATE) == Kind.CRASH_AFTER_WRITE) {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            count(Kind.CRASH_AFTER_WRITE, service);
            throw new InjectedCrash("injected crash after " + service + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    private static AwsServiceException serviceError(String service, boolean throttle) {
        String code = switch (service) {
            case "DynamoDb" -> throttle ? "ProvisionedThroughputExceededException" : "InternalServerError";
            case "S3" -> throttle ? "SlowDown" : "InternalError";
            default -> throttle ? "ThrottlingException" : "InternalError";
        };
        int status = throttle ? ("S3".equals(service) ? 503 : 400) : 500;
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage("injected " + code)
                .serviceName(service).build();
        AwsServiceException.Builder builder = switch (service) {
            case "DynamoDb" -> throttle ? ProvisionedThroughputExceededException.builder() : DynamoDbException.builder();
            case "S3" -> S3Exception.builder();
            case "Sqs" -> SqsException.builder();
            default -> AwsServiceException.builder();
        };
        return (AwsServiceException) builder.awsErrorDetails(details).statusCode(status).message("injected " + code).build();
    }
}
