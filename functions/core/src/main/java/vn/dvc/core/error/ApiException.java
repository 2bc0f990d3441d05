package vn.dvc.core.error;

import java.util.List;
import java.util.Map;
import vn.dvc.core.text.LocalizedText;

/**
 * A refusal the caller can understand: an HTTP status, a stable machine-readable code and a message in
 * Vietnamese and English. Domain and handlers throw it; the HTTP glue renders the one error shape.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final LocalizedText text;
    private final List<Map<String, Object>> details;

    public ApiException(int status, String code, LocalizedText text) {
        this(status, code, text, List.of());
    }

    public ApiException(int status, String code, LocalizedText text, List<Map<String, Object>> details) {
        super(code + ": " + text.en());
        this.status = status;
        this.code = code;
        this.text = text;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public LocalizedText text() {
        return text;
    }

    public List<Map<String, Object>> details() {
        return details;
    }

    public static ApiException badRequest(String code, String vi, String en) {
        return new ApiException(400, code, LocalizedText.of(vi, en));
    }

    public static ApiException notFound(String code, String vi, String en) {
        return new ApiException(404, code, LocalizedText.of(vi, en));
    }

    public static ApiException forbidden(String code, String vi, String en) {
        return new ApiException(403, code, LocalizedText.of(vi, en));
    }

    public static ApiException conflict(String code, String vi, String en) {
        return new ApiException(409, code, LocalizedText.of(vi, en));
    }

    public static ApiException unprocessable(String code, String vi, String en) {
        return new ApiException(422, code, LocalizedText.of(vi, en));
    }
}
