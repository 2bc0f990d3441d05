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
    /** SnapStart estimate: runs with the priming hooks run before the first event (fewer: it is an estimate). */
    static final int PRIMED_RUNS = Integer.getInteger("bench.primedRuns", 3);
    private static final Pattern RESULT = Pattern.compile(
            "BENCH constructedMs=(\\d+) firstEventMs=(\\d+) secondEventMicros=(\\d+) heapUsedKb=(\\d+) peakHeapKb=(\\d+)"
                    + " primeMs=(\\d+) firstOnlyMs=(\\d+)");
    private static final Pattern CHECK = Pattern.compile("CHECK ok=(\\d+) linkage=(\\d+) first=(.*)");

    record Sample(long constructedMs, long firstEventMs, long secondEventMicros, long heapKb, long peakHeapKb, long primeMs,
                  long firstOnlyMs) {}

    /** Events handled in a fresh JVM with only the jar (all sample events of the function's triggers). */
    record Check(int ok, int linkage, String first) {}

    /**
     * One function's runs; {@code floor} holds floor runs interleaved with the function's own (floor, function, floor,
     * function...), so that each function is compared with a floor measured under the same load of a shared machine.
     */
    record Row(String function, long jarBytes, String event, List<Sample> samples, List<Sample> primed, Check check,
               List<Sample> floor) {
        /** Median of the per-pair ratios function / adjacent floor. */
        double ratio() {
            int n = Math.min(samples.size(), floor.size());
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = (double) samples.get(i).firstEventMs() / Math.max(1, floor.get(i).firstEventMs());
            java.util.Arrays.sort(r);
            return n == 0 ? 0 : r[n / 2];
        }

        long median(java.util.function.ToLongFunction<Sample> f) {
            return Bench.median(samples, f);
        }

        long medianPrimed(java.util.function.ToLongFunction<Sample> f) {
            return Bench.median(primed, f);
        }
    }

    private Bench() {}

    /** -Dbench.only=IntakeApiFunction,StatusApiFunction limits the per-function sections (while iterating). */
    static boolean selected(Template.FunctionSpec f) {
        String only = System.getProperty("bench.only", "");
        return only.isBlank() || List.of(only.split(",")).contains(f.logicalId());
    }

    static long median(List<Sample> samples, java.util.function.ToLongFunction<Sample> f) {
        long[] values = samples.stream().mapToLong(f).sorted().toArray();
        return values.length == 0 ? -1 : values[values.length / 2];
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    public static void main(String[] args) throws Exception {
        String loadAtStart = loadAverage();
        LocalSuite suite = LocalSuite.start(0);
        vn.dvc.local.DemoCitizens.seed(suite); // the population register the lifecycle's citizen is checked against
        int status = 0;
        try {
            Path root = LocalSuite.findTemplate().getParent();
            String benchClasses = childClasses();
            String serializer = codeSource(com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers.class);
            List<String> properties = properties(suite);
            List<Row> rows = new ArrayList<>();
            // -Dbench.sections=lifecycle,warm ... runs a part only (while iterating); the default runs everything
            String sections = System.getProperty("bench.sections", "cold,lifecycle,warm,throughput");
            Lifecycle.Result lifecycle = null;
            try {
                lifecycle = sections.contains("lifecycle") ? Lifecycle.run(suite, Integer.getInteger("bench.dossiers", 5)) : null;
            } catch (Exception e) {
                // a shared machine can starve the engines; the other sections still run (the report says it is missing)
                System.out.println("lifecycle failed: " + e);
                e.printStackTrace();
            }

            // lifecycle first (nothing else in flight), then the in-process sections, then the long cold-start section,
            // with a partial report after each step: on a shared machine a long run still leaves its numbers behind
            int invocations = Integer.getInteger("bench.invocations", 1000);
            List<WarmBench.Result> warm = sections.contains("warm") ? WarmBench.run(suite, root, invocations) : List.of();
            report(root, rows, warm, lifecycle, null, loadAtStart + " at start (partial: no throughput, no cold starts yet)");
            Throughput.Result throughput = sections.contains("throughput")
                    ? Throughput.run(suite, Integer.getInteger("bench.seconds", 10), Integer.getInteger("bench.clients", 4)) : null;
            report(root, rows, warm, lifecycle, throughput, loadAtStart + " at start (partial: no cold starts yet)");

            Path anyJar = root.resolve("functions/status-api/target/status-api.jar");
            String table = suite.names().tableName("DossierTable");
            String floorCp = anyJar + File.pathSeparator + benchClasses;
            List<String> floorMain = List.of(FloorMain.class.getName(), table);
            List<Sample> allFloor = new ArrayList<>();
            rows.add(new Row("floor (1 client + 1 PutItem)", 0, "-", allFloor, List.of(), null, allFloor));
            Map<String, Integer> perModule = new LinkedHashMap<>();
            suite.template().functions().forEach(f -> perModule.merge(f.codeUri(), 1, Integer::sum));
            for (Template.FunctionSpec f : sections.contains("cold") ? suite.template().functions() : List.<Template.FunctionSpec>of()) {
                String module = f.codeUri().split("/")[1];
                if (!selected(f)) {
                    continue;
                }
                Path jar = root.resolve(f.codeUri());
                Path event = pickEvent(eventsDir(root, module), f);
                if (!Files.exists(jar) || event == null) {
                    System.out.println("skipped " + module + " (no jar or no event)");
                    continue;
                }
                String eventClass = eventClass(event.getFileName().toString());
                String cp = jar + File.pathSeparator + benchClasses + File.pathSeparator + serializer;
                List<String> main = List.of(ColdStartMain.class.getName(), f.handlerClass(), eventClass, event.toString());
                List<Sample> samples = new ArrayList<>();
                List<Sample> floor = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    List<Sample> fl = run(floorCp, properties, floorMain, 1);
                    List<Sample> fn = run(cp, properties, main, 1);
                    if (fl.size() == 1 && fn.size() == 1) {
                        floor.add(fl.get(0));
                        samples.add(fn.get(0));
                    }
                }
                allFloor.addAll(floor);
                List<Sample> primed = run(cp, properties, concat(main, "primed"), PRIMED_RUNS);
                List<String> checkArgs = new ArrayList<>(concat(main, "check"));
                for (Path e : events(eventsDir(root, module), f)) {
                    checkArgs.add(eventClass(e.getFileName().toString()) + "=" + e);
                }
                Check check = check(cp, properties, checkArgs);
                String name = perModule.get(f.codeUri()) > 1 ? module + " (" + f.logicalId().replace("Function", "") + ")" : module;
                rows.add(new Row(name, Files.size(jar), root.relativize(event).toString(), samples, primed, check, floor));
                report(root, rows, warm, lifecycle, throughput, loadAtStart + " at start (partial: cold starts up to " + name + ")");
            }
            if (allFloor.isEmpty()) {
                allFloor.addAll(run(floorCp, properties, floorMain, RUNS));
            }
            report(root, rows, warm, lifecycle, throughput, loadAtStart + " at start, " + loadAverage() + " at the end");
        } catch (Throwable e) {
            // System.exit below would swallow it: the bench must fail loudly, with a non-zero exit code
            e.printStackTrace();
            status = 1;
        } finally {
            suite.close();
            System.exit(status);
        }
    }

    /** events/&lt;module&gt;, or bench/events/&lt;module&gt; for a function that has no sample events of its own yet. */
    static Path eventsDir(Path root, String module) {
        Path own = root.resolve("events").resolve(module);
        return Files.isDirectory(own) ? own : root.resolve("bench/events").resolve(module);
    }

    /** The sample events of a function's own trigger types (a module may hold several functions). */
    static List<Path> events(Path dir, Template.FunctionSpec function) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
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
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> prefixes.stream().anyMatch(prefix -> p.getFileName().toString().startsWith(prefix))).sorted().toList();
        }
    }

    /** The sample event of a function's own trigger type, the successful path preferred. */
    static Path pickEvent(Path dir, Template.FunctionSpec function) throws IOException {
        List<Path> all = events(dir, function);
        for (String preferred : List.of("good", "file-dossier.json", "get-procedure.json", "complete", "own", "action-take")) {
            for (Path p : all) {
                if (p.getFileName().toString().contains(preferred)) return p;
            }
        }
        return all.isEmpty() ? null : all.get(0);
    }

    static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
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
        // Lambda sets AWS_REGION itself; the notifier reads it. Its channels are the local outbox here (no SES/SNS).
        if (System.getProperty("aws.region") != null) props.add("-DAWS_REGION=" + System.getProperty("aws.region"));
        if (System.getProperty("NOTIFY_MODE") == null || !"outbox".equals(System.getProperty("NOTIFY_MODE"))) {
            props.add("-DNOTIFY_MODE=outbox");
        }
        return props;
    }

    static String child(String classpath, List<String> properties, List<String> mainAndArgs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_FLAGS);
        command.addAll(properties);
        command.add("-cp");
        command.add(classpath);
        command.addAll(mainAndArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    static Check check(String classpath, List<String> properties, List<String> mainAndArgs) throws Exception {
        String output = child(classpath, properties, mainAndArgs);
        Matcher m = CHECK.matcher(output);
        if (!m.find()) {
            System.out.println("check failed: " + String.join(" ", mainAndArgs.subList(0, 4)) + "\n" + tail(output));
            return new Check(0, -1, "no result");
        }
        return new Check(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).strip());
    }

    static List<Sample> run(String classpath, List<String> properties, List<String> mainAndArgs, int runs) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String output = child(classpath, properties, mainAndArgs);
            Matcher m = RESULT.matcher(output);
            if (!m.find()) {
                System.out.println("run failed: " + String.join(" ", mainAndArgs) + "\n" + tail(output));
                continue;
            }
            samples.add(new Sample(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7))));
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

    static void report(Path root, List<Row> rows, List<WarmBench.Result> warm, Lifecycle.Result lifecycle,
                       Throughput.Result throughput, String load) throws IOException {
        long floor = rows.isEmpty() || rows.get(0).samples().isEmpty() ? -1 : rows.get(0).median(Sample::firstEventMs);
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.version")
                + "; shared with other builds (load average " + load + ")";
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Latest run: ").append(date).append(" on ").append(machine).append(".\n");
        md.append("Produced by `mvn -B -o -Pbench -DskipTests package -pl bench -am` (").append(RUNS)
                .append(" fresh JVMs per row, medians; JVM flags ").append(String.join(" ", LAMBDA_FLAGS)).append(").\n");
        md.append("Absolute times on a shared machine move with its load; the ratios to the floor measured in the same run "
                + "are the comparable numbers.\n\n");
        md.append("## Cold start, size and memory\n\n");
        md.append("Cold start = JVM start to the first sample event handled against the local engines (handler built with its\n"
                + "no-argument constructor, event deserialised by the runtime's serializer, only the function's jar on the class\n"
                + "path). The floor builds one DynamoDB client and does one PutItem in the same kind of JVM; floor and function\n"
                + "runs alternate, and the ratio is the median of each function run over the floor run just before it. Goals: ratio <= 1.3,\n"
                + "jar <= 10 MB. Peak heap: the JVM's heap pools' peaks over the cold start and " + Integer.getInteger("bench.warmEvents", 200)
                + " more events, heap capped at 400 MB of a 512 MB function (an upper bound). SnapStart estimate: the\n"
                + "priming hooks (`vn.dvc.aws.Priming`, run by `org.crac` before the snapshot) are run after the handler is\n"
                + "built, then the first event is timed alone: what a restored function pays for its first request (restore\n"
                + "itself not included; median of " + PRIMED_RUNS + "). Jar check: every sample event of the function handled in a\n"
                + "fresh JVM with only the minimised jar (a class missing from the jar would show as a linkage error).\n\n");
        md.append("| function | jar (MB) | cold start (ms) | floor beside it (ms) | ratio to floor | handler built (ms) | 1st event alone (ms) | 2nd event (µs) "
                + "| peak heap (MB) | primed: 1st event (ms) | priming (ms) | jar check: events ok / linkage errors | event |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Row r : rows) {
            long cold = r.median(Sample::firstEventMs);
            double ratio = r.ratio();
            String check = r.check() == null ? "-" : r.check().ok() + " / " + r.check().linkage()
                    + (r.check().linkage() != 0 ? " (" + r.check().first() + ")" : "");
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %d | %.2f | %d | %d | %d | %.1f | %s | %s | %s | %s |%n", r.function(),
                    r.jarBytes() / 1_048_576.0, cold, median(r.floor(), Sample::firstEventMs), ratio, r.median(Sample::constructedMs), r.median(Sample::firstOnlyMs),
                    r.median(Sample::secondEventMicros), r.median(Sample::peakHeapKb) / 1024.0,
                    r.primed().isEmpty() ? "-" : String.valueOf(r.medianPrimed(Sample::firstOnlyMs)),
                    r.primed().isEmpty() ? "-" : String.valueOf(r.medianPrimed(Sample::primeMs)), check, r.event()));
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("function", r.function());
            j.put("jarBytes", r.jarBytes());
            j.put("coldStartMs", cold);
            j.put("floorBesideMs", median(r.floor(), Sample::firstEventMs));
            j.put("ratioToFloor", Math.round(ratio * 100) / 100.0);
            j.put("handlerBuiltMs", r.median(Sample::constructedMs));
            j.put("firstEventAloneMs", r.median(Sample::firstOnlyMs));
            j.put("secondEventMicros", r.median(Sample::secondEventMicros));
            j.put("heapUsedKb", r.median(Sample::heapKb));
            j.put("peakHeapKb", r.median(Sample::peakHeapKb));
            j.put("primedFirstEventMs", r.medianPrimed(Sample::firstOnlyMs));
            j.put("primingMs", r.medianPrimed(Sample::primeMs));
            j.put("samples", r.samples().size());
            j.put("coldStartSamplesMs", r.samples().stream().map(Sample::firstEventMs).toList());
            if (r.check() != null) {
                j.put("jarCheck", Map.of("ok", r.check().ok(), "linkageErrors", r.check().linkage(), "first", r.check().first()));
            }
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
        Map<String, Object> throughputJson = throughput == null ? Map.of() : Throughput.append(md, throughput);
        Map<String, Object> lifecycleJson = lifecycle == null ? Map.of() : LifecycleReport.append(md, lifecycle);
        System.out.println();
        System.out.println(md);
        Files.createDirectories(root.resolve("docs"));
        // -Dbench.out=path/name writes name.md and name.json elsewhere (a partial run beside the published one)
        String out = System.getProperty("bench.out", "docs/performance");
        Files.createDirectories(root.resolve(out).getParent());
        Files.writeString(root.resolve(out + ".md"), md.toString());
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("date", date);
        all.put("machine", machine);
        all.put("floorMs", floor);
        all.put("runs", RUNS);
        all.put("coldStarts", json);
        all.put("warm", warmJson);
        all.put("throughput", throughputJson);
        all.put("lifecycle", lifecycleJson);
        Files.writeString(root.resolve(out + ".json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }

    static String codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
    }
}
