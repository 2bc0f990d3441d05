package vn.dvc.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.dvc.core.json.Json;
import vn.dvc.local.LocalSuite;
import vn.dvc.local.Template;

/**
 * Cold starts per function against a floor measured in the same run, and deployable sizes. Each run is a fresh JVM
 * with the java21 runtime's default flags and only the function's jar on the class path, handling one sample event
 * from events/ against the local engines. Prints a table and writes docs/performance.md and docs/performance.json.
 */
public final class Bench {
    /** The Lambda java21 runtime's defaults (tiered compilation stopped at C1, serial GC, CDS) at 512 MB. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx400m");
    static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final Pattern RESULT = Pattern.compile(
            "BENCH constructedMs=(\\d+) firstEventMs=(\\d+) secondEventMicros=(\\d+) heapUsedKb=(\\d+)");

    record Sample(long constructedMs, long firstEventMs, long secondEventMicros, long heapKb) {}

    record Row(String function, long jarBytes, String event, List<Sample> samples) {
        long median(java.util.function.ToLongFunction<Sample> f) {
            long[] values = samples.stream().mapToLong(f).sorted().toArray();
            return values.length == 0 ? -1 : values[values.length / 2];
        }
    }

    private Bench() {}

    public static void main(String[] args) throws Exception {
        LocalSuite suite = LocalSuite.start(0);
        int status = 0;
        try {
            Path root = LocalSuite.findTemplate().getParent();
            String benchClasses = childClasses();
            String serializer = codeSource(com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers.class);
            List<String> properties = properties(suite);
            List<Row> rows = new ArrayList<>();
            // -Dbench.sections=lifecycle,warm ... runs a part only (while iterating); the default runs everything
            String sections = System.getProperty("bench.sections", "cold,lifecycle,warm");
            Lifecycle.Result lifecycle = sections.contains("lifecycle")
                    ? Lifecycle.run(suite, Integer.getInteger("bench.dossiers", 5)) : null;

            Path anyJar = root.resolve("functions/status-api/target/status-api.jar");
            String table = suite.names().tableName("DossierTable");
            rows.add(new Row("floor (1 client + 1 PutItem)", 0, "-", run(anyJar + File.pathSeparator + benchClasses,
                    properties, List.of(FloorMain.class.getName(), table))));

            for (Template.FunctionSpec f : sections.contains("cold") ? suite.template().functions() : List.<Template.FunctionSpec>of()) {
                String module = f.codeUri().split("/")[1];
                Path jar = root.resolve(f.codeUri());
                Path event = pickEvent(root.resolve("events").resolve(module), f);
                if (!Files.exists(jar) || event == null) {
                    System.out.println("skipped " + module + " (no jar or no event)");
                    continue;
                }
                String eventClass = eventClass(event.getFileName().toString());
                List<Sample> samples = run(jar + File.pathSeparator + benchClasses + File.pathSeparator + serializer, properties,
                        List.of(ColdStartMain.class.getName(), f.handlerClass(), eventClass, event.toString()));
                rows.add(new Row(module + (f.logicalId().replace("Function", "").equalsIgnoreCase(module.replace("-", "")) ? ""
                        : " (" + f.logicalId() + ")"), Files.size(jar), root.relativize(event).toString(), samples));
            }
            int invocations = Integer.getInteger("bench.invocations", 1000);
            List<WarmBench.Result> warm = sections.contains("warm") ? WarmBench.run(suite, root, invocations) : List.of();
            report(root, rows, warm, lifecycle);
        } catch (Throwable e) {
            // System.exit below would swallow it: the bench must fail loudly, with a non-zero exit code
            e.printStackTrace();
            status = 1;
        } finally {
            suite.close();
            System.exit(status);
        }
    }

    /** The sample event of a function's own trigger type (a module may hold several functions). */
    static Path pickEvent(Path dir, Template.FunctionSpec function) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<String> prefixes = function.events().stream().map(e -> switch (e.type()) {
            case "HttpApi" -> "http-";
            case "SQS" -> "sqs-";
            case "S3" -> "s3-";
            case "DynamoDB" -> "stream-";
            case "Schedule", "ScheduleV2" -> "schedule-";
            default -> "?";
        }).toList();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> prefixes.stream().anyMatch(prefix -> p.getFileName().toString().startsWith(prefix))).sorted().toList();
            for (String preferred : List.of("good", "file-dossier.json", "get-procedure.json", "complete", "own")) {
                for (Path p : all) {
                    if (p.getFileName().toString().contains(preferred)) return p;
                }
            }
            return all.isEmpty() ? null : all.get(0);
        }
    }

    static String eventClass(String file) {
        String pkg = "com.amazonaws.services.lambda.runtime.events.";
        if (file.startsWith("http-")) return pkg + "APIGatewayV2HTTPEvent";
        if (file.startsWith("sqs-")) return pkg + "SQSEvent";
        if (file.startsWith("s3-")) return pkg + "S3Event";
        if (file.startsWith("stream-")) return pkg + "DynamodbEvent";
        if (file.startsWith("schedule-")) return pkg + "ScheduledEvent";
        throw new IllegalArgumentException(file);
    }

    /** Endpoints, credentials and the template's resolved environment, as -D options for the child JVMs. */
    static List<String> properties(LocalSuite suite) {
        List<String> props = new ArrayList<>();
        for (String name : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlDynamoDb",
                "aws.endpointUrlSqs", "aws.endpointUrlS3")) {
            if (System.getProperty(name) != null) props.add("-D" + name + "=" + System.getProperty(name));
        }
        for (Template.FunctionSpec f : suite.template().functions()) {
            for (String name : f.environment().keySet()) {
                String value = System.getProperty(name);
                if (value != null && props.stream().noneMatch(p -> p.startsWith("-D" + name + "="))) {
                    props.add("-D" + name + "=" + value);
                }
            }
        }
        return props;
    }

    static List<Sample> run(String classpath, List<String> properties, List<String> mainAndArgs) throws Exception {
        List<Sample> samples = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < RUNS; i++) {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(LAMBDA_FLAGS);
            command.addAll(properties);
            command.add("-cp");
            command.add(classpath);
            command.addAll(mainAndArgs);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            Matcher m = RESULT.matcher(output);
            if (!m.find()) {
                System.out.println("run failed: " + String.join(" ", mainAndArgs) + "\n" + tail(output));
                continue;
            }
            samples.add(new Sample(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))));
        }
        return samples;
    }

    /**
     * Only the cold-start mains go on a child's class path (not the bench's SDK interceptor registration, which
     * would slow the function down): copied to a directory of their own.
     */
    static String childClasses() throws IOException, URISyntaxException {
        Path source = Path.of(codeSource(Bench.class));
        Path target = Files.createTempDirectory("dvc-bench-classes");
        try (Stream<Path> files = Files.walk(source.resolve("vn/dvc/bench"))) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("(ColdStartMain|FloorMain).*\\.class")).toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        return target.toString();
    }

    static void report(Path root, List<Row> rows, List<WarmBench.Result> warm, Lifecycle.Result lifecycle) throws IOException {
        long floor = rows.get(0).median(Sample::firstEventMs);
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.version");
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Latest run: ").append(date).append(" on ").append(machine).append(".\n");
        md.append("Produced by `mvn -B -Pbench install -DskipTests && mvn -B -Pbench -pl bench exec:java` (").append(RUNS)
                .append(" fresh JVMs per row, medians; JVM flags ").append(String.join(" ", LAMBDA_FLAGS)).append(").\n\n");
        md.append("Cold start = JVM start to the first sample event handled against the local engines (handler built with its\n"
                + "no-argument constructor, event deserialised by the runtime's serializer). The floor builds one DynamoDB client\n"
                + "and does one PutItem in the same kind of JVM. Goal: ratio <= 1.3.\n\n");
        md.append("| function | jar (MB) | cold start (ms) | ratio to floor | handler built (ms) | 2nd event (µs) | heap used (MB) | event |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Row r : rows) {
            long cold = r.median(Sample::firstEventMs);
            double ratio = floor > 0 ? (double) cold / floor : 0;
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %.2f | %d | %d | %.1f | %s |%n", r.function(),
                    r.jarBytes() / 1_048_576.0, cold, ratio, r.median(Sample::constructedMs), r.median(Sample::secondEventMicros),
                    r.median(Sample::heapKb) / 1024.0, r.event()));
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("function", r.function());
            j.put("jarBytes", r.jarBytes());
            j.put("coldStartMs", cold);
            j.put("ratioToFloor", Math.round(ratio * 100) / 100.0);
            j.put("handlerBuiltMs", r.median(Sample::constructedMs));
            j.put("secondEventMicros", r.median(Sample::secondEventMicros));
            j.put("heapUsedKb", r.median(Sample::heapKb));
            j.put("samples", r.samples().size());
            j.put("event", r.event());
            json.add(j);
        }
        md.append("\n## Warm overhead and AWS round trips\n\n");
        md.append("In-process, after warm-up: handler time minus time inside AWS SDK calls (a global SDK execution interceptor),\n"
                + "p50/p99 over ").append(warm.isEmpty() ? 0 : warm.get(0).invocations()).append(" invocations per function. "
                + "Goals: overhead p50 <= 1 ms; intake <= 3 round trips; status read 1.\n\n");
        md.append("| function | overhead p50 (ms) | overhead p99 (ms) | total p50 (ms) | AWS round trips / request | event |\n");
        md.append("|---|---:|---:|---:|---:|---|\n");
        List<Map<String, Object>> warmJson = new ArrayList<>();
        for (WarmBench.Result w : warm) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f | %s |%n", w.function(), w.p50OverheadMs(),
                    w.p99OverheadMs(), w.p50TotalMs(), w.roundTrips(), w.event()));
            warmJson.add(WarmBench.toJson(w));
        }
        Map<String, Object> lifecycleJson = lifecycle == null ? Map.of() : LifecycleReport.append(md, lifecycle);
        System.out.println();
        System.out.println(md);
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/performance.md"), md.toString());
        Files.writeString(root.resolve("docs/performance.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("date", date, "machine", machine,
                        "floorMs", floor, "runs", RUNS, "coldStarts", json, "warm", warmJson, "lifecycle", lifecycleJson)));
    }

    static String codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
    }
}
