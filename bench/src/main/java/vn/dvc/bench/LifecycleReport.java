package vn.dvc.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The lifecycle-cost section of docs/performance.md and its JSON. */
final class LifecycleReport {
    private LifecycleReport() {}

    static Map<String, Object> append(StringBuilder md, Lifecycle.Result r) {
        double n = r.dossiers();
        md.append("\n## Lifecycle cost (filing to COMPLETED)\n\n");
        md.append(String.format(Locale.ROOT, "%d paid dossiers (passport, 200,000 VND: 3 uploads, validation, fee, payment through the "
                + "development gateway, take, approve, signed result, complete) through the local HTTP API and the real handlers, "
                + "after one warm-up dossier; %.1f s in all. Per dossier:%n%n", r.dossiers(), r.seconds()));
        md.append("| function | invocations | billed ms (sum, each rounded up) |\n|---|---:|---:|\n");
        long invocations = 0;
        long billed = 0;
        for (String f : r.invocations().keySet()) {
            long i = r.invocations().get(f);
            long b = r.billedMs().getOrDefault(f, 0L);
            invocations += i;
            billed += b;
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f |%n", f, i / n, b / n));
        }
        md.append(String.format(Locale.ROOT, "| **all** | **%.1f** | **%.0f** |%n%n", invocations / n, billed / n));
        md.append(String.format(Locale.ROOT, "DynamoDB: %.1f read request units, %.1f write request units (ReturnConsumedCapacity "
                + "TOTAL, as DynamoDB Local reports it; GSI writes included only as far as it counts them). HTTP API requests: %.1f. "
                + "Presigned S3 uploads: %.1f.%n%n", r.readUnits() / n, r.writeUnits() / n, r.httpRequests() / n, r.presignedPuts() / n));
        md.append("AWS calls made inside the handlers, per dossier: ");
        StringBuilder calls = new StringBuilder();
        r.sdkCalls().forEach((k, v) -> calls.append(calls.isEmpty() ? "" : ", ").append(k).append(" ")
                .append(String.format(Locale.ROOT, "%.1f", v / n)));
        md.append(calls).append(".\n\n");
        md.append("USD at ap-southeast-1 list prices (dated constants with their source in `bench/.../Lifecycle.java`; x86_64, "
                + Lifecycle.MEMORY_MB + " MB, no free tier; SQS counted as send + receive + delete per message; DynamoDB Streams "
                + "reads by Lambda and S3 event notifications are free):\n\n");
        md.append("| item | USD per 1 million dossiers | USD for 33 million dossiers a year |\n|---|---:|---:|\n");
        Map<String, Object> usd = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : r.usdPerMillion().entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f |%n", e.getKey(), e.getValue(), e.getValue() * 33));
            usd.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0);
        }
        double total = r.usdPerMillionTotal();
        md.append(String.format(Locale.ROOT, "| **total** | **%.2f** | **%.0f** |%n%n", total, total * Lifecycle.DOSSIERS_PER_YEAR / 1e6));
        md.append("Not included: storage (DynamoDB, S3, CloudWatch Logs), data transfer out, X-Ray traces, CloudWatch metrics and "
                + "alarms, idle SQS polling by event source mappings (a fixed cost per queue, not per dossier).\n");
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dossiers", r.dossiers());
        j.put("invocationsPerDossier", invocations / n);
        j.put("billedMsPerDossier", billed / n);
        j.put("readUnitsPerDossier", r.readUnits() / n);
        j.put("writeUnitsPerDossier", r.writeUnits() / n);
        j.put("httpRequestsPerDossier", r.httpRequests() / n);
        j.put("usdPerMillionDossiers", usd);
        j.put("usdPerMillionTotal", Math.round(total * 100) / 100.0);
        j.put("usdFor33MillionPerYear", Math.round(total * 33));
        return j;
    }
}
