package vn.dvc.stats;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.legacy.ImportReports;
import vn.dvc.core.security.Role;

/**
 * ---- legacy import summaries (issue 8): {@code GET /imports} and {@code GET /imports/{name}}, OPERATOR only. Serves
 * what the legacy importer wrote under {@code import-reports/} (its summary object) with a short-lived presigned GET
 * URL of the row-level error report. Reads S3 only (GetObject and a prefix-limited ListBucket on import-reports/).
 */
final class ImportsApi {
    static final Duration REPORT_LINK_VALIDITY = Duration.ofMinutes(5);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    ImportsApi(S3Client s3, S3Presigner presigner, String bucket, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
    }

    private static void operatorOnly(HttpRequest request) {
        if (request.caller().role() != Role.OPERATOR) {
            throw ApiException.forbidden("OPERATORS_ONLY", "Chỉ người vận hành hệ thống được xem kết quả nhập dữ liệu.",
                    "Only operators may see import summaries.");
        }
    }

    APIGatewayV2HTTPResponse one(HttpRequest request) {
        operatorOnly(request);
        String name = request.pathParam("name");
        String key = ImportReports.summaryKey(name);
        Map<String, Object> summary = read(key);
        if (summary == null) {
            throw ApiException.notFound("IMPORT_NOT_FOUND", "Không tìm thấy lần nhập dữ liệu này.", "No such import.");
        }
        Map<String, Object> body = ImportReports.view(name, summary);
        if (summary.get("report") instanceof String reportKey && reportKey.startsWith(ImportReports.REPORTS)
                && !"IN_PROGRESS".equals(summary.get("status"))) {
            var presigned = presigner.presignGetObject(b -> b.signatureDuration(REPORT_LINK_VALIDITY)
                    .getObjectRequest(g -> g.bucket(bucket).key(reportKey)));
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("key", reportKey);
            report.put("url", presigned.url().toString());
            report.put("expiresAt", clock.instant().plus(REPORT_LINK_VALIDITY).toString());
            body.put("report", report);
        }
        return HttpResponse.json(200, body);
    }

    APIGatewayV2HTTPResponse list(HttpRequest request) {
        operatorOnly(request);
        for (String param : request.queryParams().keySet()) {
            if (!param.equals("limit") && !param.equals("cursor")) {
                throw ApiException.badRequest("UNKNOWN_PARAMETER", "Tham số không được hỗ trợ: " + param + ".",
                        "Unsupported parameter: " + param + ".");
            }
        }
        int limit = ImportReports.limit(request.query("limit"));
        String after = ImportReports.afterKey(request.query("cursor"));
        List<String> keys = new ArrayList<>();
        String token = null;
        boolean more = false;
        outer:
        do {
            String startAfter = after;
            String continuation = token;
            var page = s3.listObjectsV2(b -> {
                b.bucket(bucket).prefix(ImportReports.REPORTS).maxKeys(1000);
                if (continuation != null) b.continuationToken(continuation);
                else if (startAfter != null) b.startAfter(startAfter);
            });
            for (S3Object o : page.contents()) {
                if (ImportReports.nameOf(o.key()) == null) continue;
                if (keys.size() == limit) {
                    more = true;
                    break outer;
                }
                keys.add(o.key());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        List<Map<String, Object>> items = new ArrayList<>();
        for (String key : keys) {
            Map<String, Object> summary = read(key);
            if (summary != null) {
                items.add(ImportReports.view(ImportReports.nameOf(key), summary));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextCursor", more && !keys.isEmpty() ? ImportReports.cursorOf(keys.getLast()) : null);
        return HttpResponse.json(200, body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String key) {
        try {
            var bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Json.read(bytes.asUtf8String(), Map.class);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return null;
            throw e;
        }
    }
}
