package vn.dvc.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.text.LocalizedText;

/** The body of {@code POST /dossiers}, checked field by field; every problem is reported at once (422). */
public record FilingRequest(String procedureCode, String communeCode, Channel channel, ApplicantData applicant,
                            Map<String, Object> form, List<Upload> uploads, List<Reuse> reuse, String delivery,
                            String caseGroup, vn.dvc.core.notify.NotificationPreference notification) {

    /** The filing without a notification choice (the notifier's default applies). */
    public FilingRequest(String procedureCode, String communeCode, Channel channel, ApplicantData applicant,
                         Map<String, Object> form, List<Upload> uploads, List<Reuse> reuse, String delivery, String caseGroup) {
        this(procedureCode, communeCode, channel, applicant, form, uploads, reuse, delivery, caseGroup, null);
    }

    public record ApplicantData(String personalId, String fullName, LocalDate dateOfBirth, String phone, String email) {}

    public record Upload(String component, String contentType) {}

    /** A component satisfied by a document already in the applicant's data store (no upload). */
    public record Reuse(String component, String documentId) {}

    @SuppressWarnings("unchecked")
    public static FilingRequest parse(JsonNode body) {
        List<Map<String, Object>> problems = new ArrayList<>();
        String procedure = text(body, "procedureCode", true, 32, problems);
        String commune = text(body, "communeCode", true, 16, problems);
        String channelText = text(body, "channel", false, 16, problems);
        Channel channel = Channel.ONLINE;
        if (channelText != null) {
            try {
                channel = Channel.valueOf(channelText);
            } catch (IllegalArgumentException e) {
                problems.add(problem("channel", "INVALID_VALUE"));
            }
        }
        JsonNode a = body.path("applicant");
        if (!a.isMissingNode() && !a.isObject()) {
            problems.add(problem("applicant", "MUST_BE_OBJECT"));
            a = Json.MAPPER.createObjectNode();
        }
        LocalDate dob = null;
        String dobText = text(a, "dateOfBirth", false, 10, problems, "applicant.");
        if (dobText != null) {
            try {
                dob = LocalDate.parse(dobText);
            } catch (DateTimeParseException e) {
                problems.add(problem("applicant.dateOfBirth", "INVALID_DATE"));
            }
        }
        ApplicantData applicant = new ApplicantData(text(a, "personalId", false, 12, problems, "applicant."),
                text(a, "fullName", false, 200, problems, "applicant."), dob,
                text(a, "phone", false, 20, problems, "applicant."), text(a, "email", false, 254, problems, "applicant."));
        JsonNode formNode = body.path("form");
        Map<String, Object> form = Map.of();
        if (!formNode.isMissingNode() && !formNode.isNull()) {
            if (formNode.isObject()) {
                form = Json.MAPPER.convertValue(formNode, LinkedHashMap.class);
            } else {
                problems.add(problem("form", "MUST_BE_OBJECT"));
            }
        }
        List<Upload> uploads = new ArrayList<>();
        JsonNode list = body.path("components");
        if (!list.isMissingNode() && !list.isArray()) {
            problems.add(problem("components", "MUST_BE_ARRAY"));
        } else if (list.size() > 50) {
            problems.add(problem("components", "TOO_MANY"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String component = text(item, "component", true, 64, problems, "components[" + i + "].");
                String type = text(item, "contentType", true, 100, problems, "components[" + i + "].");
                if (component != null && type != null) {
                    uploads.add(new Upload(component, type));
                }
            }
        }
        List<Reuse> reuse = new ArrayList<>();
        JsonNode reused = body.path("reuse");
        if (!reused.isMissingNode() && !reused.isNull() && !reused.isArray()) {
            problems.add(problem("reuse", "MUST_BE_ARRAY"));
        } else if (reused.size() > 50) {
            problems.add(problem("reuse", "TOO_MANY"));
        } else {
            for (int i = 0; i < reused.size(); i++) {
                JsonNode item = reused.get(i);
                String component = text(item, "component", true, 64, problems, "reuse[" + i + "].");
                String id = text(item, "documentId", true, 64, problems, "reuse[" + i + "].");
                if (component != null && id != null) {
                    reuse.add(new Reuse(component, id));
                }
            }
        }
        String delivery = text(body, "delivery", false, 16, problems);
        if (delivery != null && !List.of("ONLINE", "POST", "COUNTER").contains(delivery)) {
            problems.add(problem("delivery", "INVALID_VALUE"));
        }
        // The case (trường hợp) the filing is made under, verbatim as the catalog lists it (see CaseChoice).
        String caseGroup = text(body, "caseGroup", false, 500, problems);
        // ---- notifications (issue 7): the citizen's channels, fallback, language (see NotificationPreference)
        vn.dvc.core.notify.NotificationPreference notification = null;
        JsonNode n = body.path("notification");
        if (!n.isMissingNode() && !n.isNull()) {
            notification = vn.dvc.core.notify.NotificationPreference.parse(n, "notification.", problems);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "VALIDATION_FAILED", LocalizedText.of(
                    "Dữ liệu hồ sơ không hợp lệ.", "The dossier data is invalid."), problems);
        }
        return new FilingRequest(procedure, commune, channel, applicant, form, uploads, reuse,
                delivery == null ? "ONLINE" : delivery, caseGroup == null || caseGroup.isEmpty() ? null : caseGroup,
                notification);
    }

    private static String text(JsonNode node, String field, boolean required, int maxLength, List<Map<String, Object>> problems) {
        return text(node, field, required, maxLength, problems, "");
    }

    private static String text(JsonNode node, String field, boolean required, int maxLength,
                               List<Map<String, Object>> problems, String prefix) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                problems.add(problem(prefix + field, "REQUIRED"));
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(problem(prefix + field, "MUST_BE_STRING"));
            return null;
        }
        String text = value.asText().strip();
        if (text.length() > maxLength) {
            problems.add(problem(prefix + field, "TOO_LONG"));
            return null;
        }
        if (required && text.isEmpty()) {
            problems.add(problem(prefix + field, "REQUIRED"));
            return null;
        }
        return text;
    }

    private static Map<String, Object> problem(String field, String code) {
        return Map.of("field", field, "code", code);
    }
}
