package vn.dvc.tests;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import vn.dvc.aws.AwsClients;
import vn.dvc.importer.LegacyImporterHandler;
import vn.dvc.local.Engines;
import vn.dvc.local.LocalSuite;
import vn.dvc.local.Provisioner;
import vn.dvc.local.Template;

/**
 * Benchmark (prints numbers; not a test): the legacy importer's rows per second and heap on a generated file, with
 * the engines in ANOTHER JVM so the importer's heap is its own.
 * <pre>
 *   java -cp ... vn.dvc.tests.LegacyImportBench engines /tmp/bench.properties          # keeps running
 *   java -Xmx256m -cp ... vn.dvc.tests.LegacyImportBench import /tmp/bench.properties /tmp/legacy-10000.csv
 * </pre>
 * The file comes from {@code LegacyFileGenerator.main}. The import runs twice (first import, then re-import).
 */
public final class LegacyImportBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("engines")) {
            Engines engines = Engines.start();
            Template template = Template.read(LocalSuite.findTemplate());
            Map<String, String> parameters = new LinkedHashMap<>();
            template.parameters().forEach((name, p) -> {
                Object def = map(p).get("Default");
                parameters.put(name, def == null ? null : def.toString());
            });
            parameters.putAll(LocalSuite.LOCAL_PARAMETERS);
            var names = new Provisioner(template, "bench", parameters).provision(AwsClients.dynamo(), AwsClients.s3(), AwsClients.sqs());
            Properties p = new Properties();
            p.setProperty("aws.endpointUrlDynamoDb", engines.dynamoEndpoint());
            p.setProperty("aws.endpointUrlS3", engines.s3Endpoint());
            p.setProperty("DOSSIER_TABLE", names.tableName("DossierTable"));
            p.setProperty("DOCUMENT_BUCKET", names.bucketName("DocumentBucket"));
            try (var out = Files.newBufferedWriter(Path.of(args[1]))) {
                p.store(out, "legacy import bench engines");
            }
            System.out.println("engines ready: " + p);
            Thread.currentThread().join();
            return;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        p.forEach((k, v) -> System.setProperty((String) k, (String) v));
        System.setProperty("aws.region", Engines.REGION);
        System.setProperty("aws.accessKeyId", Engines.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", Engines.SECRET_KEY);
        System.setProperty("APPLICANT_KEY_SECRET", LocalSuite.LOCAL_PARAMETERS.get("ApplicantKeySecret"));
        Path file = Path.of(args[2]);
        String key = "imports/bench-" + System.currentTimeMillis() + "/" + file.getFileName();
        AwsClients.s3().putObject(b -> b.bucket(System.getProperty("DOCUMENT_BUCKET")).key(key), RequestBody.fromFile(file));
        LegacyImporterHandler handler = new LegacyImporterHandler();
        for (String run : new String[] {"import", "re-import"}) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long gcBefore = gcCount();
            long gcTimeBefore = gcTime();
            AtomicLong maxUsed = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long t0 = System.nanoTime();
            String outcome = handler.importFile(key, () -> 900_000 - (System.nanoTime() - t0) / 1_000_000);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            sampler.interrupt();
            long peakPools = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peakPools += pool.getPeakUsage().getUsed();
                }
            }
            int rows = Integer.parseInt(outcome.replaceAll(".*rows=(\\d+).*", "$1"));
            System.out.printf("%s: %s%n  %d ms, %.0f rows/s; heap: max sampled used %.1f MB, sum of pool peaks %.1f MB, "
                            + "max heap (-Xmx) %.0f MB; GC: %d collections, %d ms%n", run, outcome, millis,
                    rows * 1000.0 / millis, maxUsed.get() / 1e6, peakPools / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6, gcCount() - gcBefore, gcTime() - gcTimeBefore);
        }
        System.exit(0);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcTime() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
