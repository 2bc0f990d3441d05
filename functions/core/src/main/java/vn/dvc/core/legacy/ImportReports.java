package vn.dvc.core.legacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.paging.PageLimit;

/**
 * The operator's view of legacy imports (issue 8, {@code GET /imports/{name}}): an import is named by its file's
 * path under {@code imports/} with {@code /} written as {@code :} (one URL path segment), e.g.
 * {@code hanoi-igate:export-2026-11.csv} for {@code imports/hanoi-igate/export-2026-11.csv}; its summary is the
 * importer's {@code import-reports/<path>.summary.json}.
 */
public final class ImportReports {
    public static final String REPORTS = "import-reports/";
    public static final String SUMMARY_SUFFIX = ".summary.json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}(:[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}){0,4}");

    private ImportReports() {}

    /** The summary's object key for an import name; 400 for a name that cannot be one. */
    public static String summaryKey(String name) {
        if (name == null || name.length() > 500 || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("BAD_IMPORT_NAME",
                    "Tên lần nhập không hợp lệ: đường dẫn tệp dưới imports/ với dấu / viết thành : (ví dụ he-thong-cu:tep.csv).",
                    "Bad import name: the file's path under imports/ with / written as : (e.g. old-system:file.csv).");
        }
        return REPORTS + name.replace(':', '/') + SUMMARY_SUFFIX;
    }

    /** The import name of a summary key, or null when the key is not a summary. */
    public static String nameOf(String summaryKey) {
        if (summaryKey == null || !summaryKey.startsWith(REPORTS) || !summaryKey.endsWith(SUMMARY_SUFFIX)) {
            return null;
        }
        return summaryKey.substring(REPORTS.length(), summaryKey.length() - SUMMARY_SUFFIX.length()).replace('/', ':');
    }

    public static int limit(String text) {
        return PageLimit.parse(text, 20, 100);
    }

    /** The cursor is the last summary key of the previous page (opaque, base64url); null: from the start. */
    public static String afterKey(String cursor) {
        if (cursor == null) return null;
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (nameOf(key) != null && NAME.matcher(nameOf(key)).matches()) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // fall through
        }
        throw ApiException.badRequest("BAD_CURSOR", "cursor không hợp lệ.", "The cursor is not valid.");
    }

    public static String cursorOf(String summaryKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(summaryKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The operator's summary from the importer's summary object (field names of the issue: read/imported/...). */
    public static Map<String, Object> view(String name, Map<String, Object> s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("file", s.get("file"));
        v.put("system", s.get("system"));
        v.put("status", s.get("status"));
        v.put("rowsRead", number(s.get("rows")));
        v.put("imported", number(s.get("imported")));
        v.put("skippedUnchanged", number(s.get("duplicates")));
        v.put("failed", number(s.get("failed")));
        v.put("routedManually", number(s.get("routedManually")));
        v.put("byReason", s.get("byReason") instanceof Map<?, ?> m ? m : Map.of());
        v.put("startedAt", s.get("startedAt"));
        v.put("finishedAt", s.get("finishedAt"));
        v.put("durationMs", s.get("durationMs"));
        if (s.get("reason") instanceof Map<?, ?> reason) {
            v.put("rejection", reason);
        }
        return v;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
