package vn.dvc.aws.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.json.Json;

/**
 * A message about one dossier, as the stream router and the monitoring step send them:
 * {@code {"type", "dossierCode", "version", "at", ...}}. Parsing refuses what no retry can mend with a
 * {@link PermanentFailure} (MALFORMED_MESSAGE, UNKNOWN_STATUS), so the consumer's {@link SqsBatch} dead-letters it
 * with its reason.
 */
public record DossierMessage(String type, String dossierCode, long version, Instant at, JsonNode body) {

    public static DossierMessage parse(SQSEvent.SQSMessage message) {
        JsonNode body;
        try {
            body = Json.tree(message.getBody());
        } catch (Exception e) {
            throw new PermanentFailure("MALFORMED_MESSAGE", "the message body is not JSON");
        }
        String code = body.path("dossierCode").asText(null);
        if (code == null || code.isBlank() || !body.path("version").canConvertToLong()) {
            throw new PermanentFailure("MALFORMED_MESSAGE", "dossierCode and version are required");
        }
        return new DossierMessage(body.path("type").asText(""), code, body.path("version").asLong(),
                instant(body.path("at").asText(null)), body);
    }

    /** A text field, or null. */
    public String text(String field) {
        return body.path(field).asText(null);
    }

    /** A status field ({@code from}, {@code to}); null only when absent and {@code optional}. */
    public DossierStatus status(String field, boolean optional) {
        String name = text(field);
        if (name == null && optional) {
            return null;
        }
        try {
            return DossierStatus.valueOf(name);
        } catch (RuntimeException e) {
            throw new PermanentFailure("UNKNOWN_STATUS", "unknown status " + name);
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new PermanentFailure("MALFORMED_MESSAGE", "at is not an ISO instant");
        }
    }
}
