package vn.dvc.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.text.Language;
import vn.dvc.core.text.LocalizedText;

/**
 * The citizen's choice of notification channels (issue 7), given at filing ({@code notification} in the body of
 * {@code POST /dossiers}) or later ({@code PUT /dossiers/{code}/notification}), stored on the dossier as the
 * attribute {@link ContactPreferences#ATTRIBUTE} that the notifier reads.
 *
 * <ul>
 *   <li>{@code channels}: a non-empty subset of SMS, EMAIL, PUSH; each gets every notification once.</li>
 *   <li>{@code fallback}: optional, ordered, none of the chosen channels; tried when a chosen channel fails
 *       permanently. Absent: every other channel with an address; {@code []}: no fallback.</li>
 *   <li>{@code language}: {@code vi} (default) or {@code en}.</li>
 *   <li>{@code pushEndpoint}: the app's SNS platform endpoint ARN; required when PUSH is chosen or a fallback.</li>
 * </ul>
 * The addresses stay where they are today, in the applicant block (phone for SMS, e-mail for EMAIL): a channel named
 * here without its address is refused ({@link #contactProblems}), never silently dropped. Nothing here is logged.
 */
public record NotificationPreference(List<ChannelKind> channels, List<ChannelKind> fallback, Language language,
                                     String pushEndpoint) {
    /** An SNS mobile platform endpoint: arn:aws:sns:region:account:endpoint/PLATFORM/application/uuid. */
    static final Pattern PUSH_ENDPOINT = Pattern.compile(
            "arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:endpoint/(APNS|APNS_SANDBOX|GCM|ADM|BAIDU|WNS|MPNS)"
                    + "/[A-Za-z0-9_.-]{1,256}/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> FIELDS = Set.of("channels", "fallback", "language", "pushEndpoint");
    public static final int MAX_PUSH_ENDPOINT = 1024;

    public NotificationPreference {
        channels = List.copyOf(channels);
        fallback = fallback == null ? null : List.copyOf(fallback);
    }

    @Override
    public String toString() {
        return "NotificationPreference[" + channels + " then " + fallback + ", " + language + "]";
    }

    /**
     * Parses {@code node} (the {@code notification} object), adding every problem to {@code problems} with the field
     * under {@code prefix} ({@code "notification."} at filing, {@code ""} on its own route).
     *
     * @return the preference, or null when there were problems
     */
    public static NotificationPreference parse(JsonNode node, String prefix, List<Map<String, Object>> problems) {
        int before = problems.size();
        if (node == null || !node.isObject()) {
            problems.add(problem(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "MUST_BE_OBJECT"));
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(problem(prefix + (name.length() > 64 ? name.substring(0, 64) : name), "UNKNOWN_FIELD"));
            }
        }
        List<ChannelKind> channels = kinds(node.path("channels"), prefix + "channels", true, problems);
        List<ChannelKind> fallback = null;
        JsonNode f = node.path("fallback");
        if (!f.isMissingNode() && !f.isNull()) {
            fallback = kinds(f, prefix + "fallback", false, problems);
            if (channels != null && fallback != null && fallback.stream().anyMatch(channels::contains)) {
                problems.add(problem(prefix + "fallback", "ALREADY_CHOSEN"));
            }
        }
        Language language = Language.VI;
        JsonNode l = node.path("language");
        if (!l.isMissingNode() && !l.isNull()) {
            if (!l.isTextual() || !List.of("vi", "en").contains(l.asText())) {
                problems.add(problem(prefix + "language", "MUST_BE_VI_OR_EN"));
            } else {
                language = "en".equals(l.asText()) ? Language.EN : Language.VI;
            }
        }
        String push = null;
        JsonNode p = node.path("pushEndpoint");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isTextual()) {
                problems.add(problem(prefix + "pushEndpoint", "MUST_BE_STRING"));
            } else if (p.asText().length() > MAX_PUSH_ENDPOINT || !PUSH_ENDPOINT.matcher(p.asText()).matches()) {
                problems.add(problem(prefix + "pushEndpoint", "INVALID_PUSH_ENDPOINT"));
            } else {
                push = p.asText();
            }
        }
        boolean wantsPush = channels != null && channels.contains(ChannelKind.PUSH)
                || fallback != null && fallback.contains(ChannelKind.PUSH);
        if (wantsPush && push == null && (p.isMissingNode() || p.isNull())) {
            problems.add(problem(prefix + "pushEndpoint", "REQUIRED_FOR_PUSH"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new NotificationPreference(channels, fallback, language, push);
    }

    /** {@link #parse} on a body of its own: 422 {@code VALIDATION_FAILED} with every problem. */
    public static NotificationPreference parse(JsonNode body) {
        List<Map<String, Object>> problems = new ArrayList<>();
        NotificationPreference preference = parse(body, "", problems);
        if (preference == null) {
            throw invalid(problems);
        }
        return preference;
    }

    public static ApiException invalid(List<Map<String, Object>> problems) {
        return new ApiException(422, "VALIDATION_FAILED", LocalizedText.of(
                "Lựa chọn nhận thông báo không hợp lệ: kênh là SMS, EMAIL hoặc PUSH (ít nhất một), ngôn ngữ vi hoặc en, "
                        + "PUSH cần pushEndpoint của ứng dụng.",
                "The notification choice is invalid: channels are SMS, EMAIL or PUSH (at least one), language vi or en, "
                        + "PUSH needs the app's pushEndpoint."), problems);
    }

    /**
     * Every channel named (chosen or fallback) that the applicant's contact cannot serve: SMS without a Vietnamese
     * phone number, EMAIL without an e-mail address. Empty when all can be served.
     */
    public List<Map<String, Object>> contactProblems(Applicant applicant) {
        List<Map<String, Object>> problems = new ArrayList<>();
        List<ChannelKind> named = new ArrayList<>(channels);
        if (fallback != null) {
            named.addAll(fallback);
        }
        String phone = applicant == null ? null : ContactPreferences.e164(applicant.phone());
        String email = applicant == null ? null : applicant.email();
        if (named.contains(ChannelKind.SMS) && phone == null) {
            problems.add(Map.of("field", "applicant.phone", "code", "REQUIRED_FOR_SMS"));
        }
        if (named.contains(ChannelKind.EMAIL) && !ContactPreferences.isEmail(email)) {
            problems.add(Map.of("field", "applicant.email", "code", "REQUIRED_FOR_EMAIL"));
        }
        return problems;
    }

    /** 422 {@code CONTACT_MISSING} when a named channel has no address (see {@link #contactProblems}). */
    public void requireContacts(Applicant applicant) {
        List<Map<String, Object>> problems = contactProblems(applicant);
        if (!problems.isEmpty()) {
            List<String> vi = new ArrayList<>();
            List<String> en = new ArrayList<>();
            for (Map<String, Object> p : problems) {
                if ("REQUIRED_FOR_SMS".equals(p.get("code"))) {
                    vi.add("SMS cần số điện thoại di động Việt Nam của người nộp (applicant.phone)");
                    en.add("SMS needs the applicant's Vietnamese mobile number (applicant.phone)");
                } else {
                    vi.add("EMAIL cần địa chỉ e-mail của người nộp (applicant.email)");
                    en.add("EMAIL needs the applicant's e-mail address (applicant.email)");
                }
            }
            throw new ApiException(422, "CONTACT_MISSING", LocalizedText.of(
                    "Kênh thông báo đã chọn chưa có địa chỉ: " + String.join("; ", vi) + ".",
                    "A chosen notification channel has no address: " + String.join("; ", en) + "."), problems);
        }
    }

    /** The stored form, as {@link ContactPreferences} reads it. */
    public Map<String, Object> toAttribute() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels.stream().map(Enum::name).toList());
        if (fallback != null) {
            m.put("fallback", fallback.stream().map(Enum::name).toList());
        }
        m.put("language", language == Language.EN ? "en" : "vi");
        if (pushEndpoint != null) {
            m.put("pushEndpoint", pushEndpoint);
        }
        return m;
    }

    /** What the API answers: the choice without the push endpoint itself (only whether one is set). */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels.stream().map(Enum::name).toList());
        m.put("fallback", fallback == null ? null : fallback.stream().map(Enum::name).toList());
        m.put("language", language == Language.EN ? "en" : "vi");
        m.put("pushEndpointSet", pushEndpoint != null);
        return m;
    }

    private static List<ChannelKind> kinds(JsonNode node, String field, boolean required, List<Map<String, Object>> problems) {
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                problems.add(problem(field, "REQUIRED"));
            }
            return null;
        }
        if (!node.isArray()) {
            problems.add(problem(field, "MUST_BE_ARRAY"));
            return null;
        }
        if (required && node.isEmpty()) {
            problems.add(problem(field, "AT_LEAST_ONE"));
            return null;
        }
        if (node.size() > ChannelKind.values().length) {
            problems.add(problem(field, "TOO_MANY"));
            return null;
        }
        List<ChannelKind> out = new ArrayList<>();
        for (JsonNode c : node) {
            ChannelKind kind = null;
            if (c.isTextual()) {
                for (ChannelKind k : ChannelKind.values()) {
                    if (k.name().equals(c.asText())) {
                        kind = k;
                    }
                }
            }
            if (kind == null) {
                problems.add(problem(field, "UNKNOWN_CHANNEL"));
                return null;
            }
            if (out.contains(kind)) {
                problems.add(problem(field, "DUPLICATE_CHANNEL"));
                return null;
            }
            out.add(kind);
        }
        return out;
    }

    private static Map<String, Object> problem(String field, String code) {
        return Map.of("field", field, "code", code);
    }
}
