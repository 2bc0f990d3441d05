package vn.dvc.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.Channel;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.Language;

/** The citizen's notification choice (issue 7): what is accepted, what is refused and why, what the notifier reads. */
class NotificationPreferenceTest {
    static final String ENDPOINT = "arn:aws:sns:ap-southeast-1:123456789012:endpoint/GCM/dvc-app/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final Applicant BOTH = new Applicant("001090000001", "An", LocalDate.of(1990, 1, 1), "0912345678", "an@example.org");
    static final Applicant PHONE_ONLY = new Applicant("001090000001", "An", LocalDate.of(1990, 1, 1), "0912345678", null);

    static com.fasterxml.jackson.databind.JsonNode node(String json) {
        try {
            return Json.tree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static NotificationPreference parse(String json) {
        return NotificationPreference.parse(node(json));
    }

    static List<Map<String, Object>> problems(String json) {
        List<Map<String, Object>> problems = new ArrayList<>();
        assertNull(NotificationPreference.parse(node(json), "notification.", problems), json);
        return problems;
    }

    static List<String> codes(String json) {
        return problems(json).stream().map(p -> p.get("field") + ":" + p.get("code")).toList();
    }

    @Test
    void aValidChoiceIsKeptInOrderWithItsDefaults() {
        NotificationPreference p = parse("{\"channels\":[\"EMAIL\",\"SMS\"],\"fallback\":[\"PUSH\"],\"language\":\"en\",\"pushEndpoint\":\"" + ENDPOINT + "\"}");
        assertEquals(List.of(ChannelKind.EMAIL, ChannelKind.SMS), p.channels());
        assertEquals(List.of(ChannelKind.PUSH), p.fallback());
        assertEquals(Language.EN, p.language());
        NotificationPreference minimal = parse("{\"channels\":[\"SMS\"]}");
        assertEquals(Language.VI, minimal.language(), "Vietnamese unless chosen");
        assertNull(minimal.fallback(), "no fallback given: the notifier's default");
        assertEquals(Map.of("channels", List.of("SMS"), "language", "vi"), minimal.toAttribute());
        assertEquals(List.of(), parse("{\"channels\":[\"SMS\"],\"fallback\":[]}").fallback(), "[]: no fallback at all");
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        assertEquals(List.of("notification.channels:REQUIRED"), codes("{}"));
        assertEquals(List.of("notification.channels:AT_LEAST_ONE"), codes("{\"channels\":[]}"));
        assertEquals(List.of("notification.channels:MUST_BE_ARRAY"), codes("{\"channels\":\"SMS\"}"));
        assertEquals(List.of("notification.channels:UNKNOWN_CHANNEL"), codes("{\"channels\":[\"FAX\"]}"));
        assertEquals(List.of("notification.channels:UNKNOWN_CHANNEL"), codes("{\"channels\":[\"sms\"]}"), "names as the API spells them");
        assertEquals(List.of("notification.channels:DUPLICATE_CHANNEL"), codes("{\"channels\":[\"SMS\",\"SMS\"]}"));
        assertEquals(List.of("notification.fallback:ALREADY_CHOSEN"), codes("{\"channels\":[\"SMS\"],\"fallback\":[\"SMS\"]}"));
        assertEquals(List.of("notification.language:MUST_BE_VI_OR_EN"), codes("{\"channels\":[\"SMS\"],\"language\":\"fr\"}"));
        assertEquals(List.of("notification.phone:UNKNOWN_FIELD"), codes("{\"channels\":[\"SMS\"],\"phone\":\"0912345678\"}"));
        assertEquals(List.of("notification:MUST_BE_OBJECT"), codes("[\"SMS\"]"));
        List<String> all = codes("{\"channels\":[\"FAX\"],\"language\":1}");
        assertEquals(2, all.size(), "all at once: " + all);
    }

    @Test
    void pushNeedsAWellFormedEndpoint() {
        assertEquals(List.of("notification.pushEndpoint:REQUIRED_FOR_PUSH"), codes("{\"channels\":[\"PUSH\"]}"));
        assertEquals(List.of("notification.pushEndpoint:REQUIRED_FOR_PUSH"), codes("{\"channels\":[\"SMS\"],\"fallback\":[\"PUSH\"]}"),
                "a push fallback needs it too");
        for (String bad : List.of("https://push.example/x", "arn:aws:sns:ap-southeast-1:123456789012:my-topic",
                "arn:aws:sns:ap-southeast-1:1234:endpoint/GCM/app/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                ENDPOINT + "\n", ENDPOINT.replace("GCM", "SMTP"), "arn:aws:sns:" + "x".repeat(2000))) {
            assertEquals(List.of("notification.pushEndpoint:INVALID_PUSH_ENDPOINT"),
                    codes("{\"channels\":[\"PUSH\"],\"pushEndpoint\":" + Json.write(bad) + "}"), bad);
        }
        assertEquals(List.of("notification.pushEndpoint:MUST_BE_STRING"), codes("{\"channels\":[\"PUSH\"],\"pushEndpoint\":42}"));
        assertEquals(ENDPOINT, parse("{\"channels\":[\"PUSH\"],\"pushEndpoint\":\"" + ENDPOINT + "\"}").pushEndpoint());
        assertEquals(ENDPOINT.replace("ap-southeast-1", "us-gov-west-1").replace("arn:aws:", "arn:aws-us-gov:"),
                parse("{\"channels\":[\"PUSH\"],\"pushEndpoint\":\"" + ENDPOINT.replace("ap-southeast-1", "us-gov-west-1")
                        .replace("arn:aws:", "arn:aws-us-gov:") + "\"}").pushEndpoint());
    }

    @Test
    void aChosenChannelNeedsItsAddress() {
        assertTrue(parse("{\"channels\":[\"SMS\",\"EMAIL\"]}").contactProblems(BOTH).isEmpty());
        assertEquals(List.of(Map.of("field", "applicant.email", "code", "REQUIRED_FOR_EMAIL")),
                parse("{\"channels\":[\"EMAIL\"]}").contactProblems(PHONE_ONLY));
        assertEquals(List.of(Map.of("field", "applicant.email", "code", "REQUIRED_FOR_EMAIL")),
                parse("{\"channels\":[\"SMS\"],\"fallback\":[\"EMAIL\"]}").contactProblems(PHONE_ONLY), "a fallback too");
        Applicant badPhone = new Applicant("001090000001", "An", null, "12345", "not-an-email");
        assertEquals(2, parse("{\"channels\":[\"SMS\",\"EMAIL\"]}").contactProblems(badPhone).size());
        assertEquals(2, parse("{\"channels\":[\"SMS\",\"EMAIL\"]}").contactProblems(null).size());
        ApiException e = assertThrows(ApiException.class, () -> parse("{\"channels\":[\"EMAIL\"]}").requireContacts(PHONE_ONLY));
        assertEquals(422, e.status());
        assertEquals("CONTACT_MISSING", e.code());
        assertTrue(e.getMessage() == null || !e.getMessage().contains("0912345678"), "no address in the error");
        assertTrue(parse("{\"channels\":[\"PUSH\"],\"pushEndpoint\":\"" + ENDPOINT + "\"}").contactProblems(null).isEmpty(),
                "push needs only its endpoint");
    }

    @Test
    void theNotifierReadsWhatIsStored() {
        NotificationPreference p = parse("{\"channels\":[\"EMAIL\"],\"fallback\":[],\"language\":\"en\"}");
        Dossier d = new Dossier("X00004.UBND-261123-0001", "1.001193", 1, DossierStatus.RECEIVED, 1, "X00004.UBND", "00004",
                "01", Channel.ONLINE, BOTH, "key", new Actor(Role.CITIZEN, "c", null), Instant.EPOCH, Instant.EPOCH, null,
                Map.of(), Map.of(ContactPreferences.ATTRIBUTE, Json.read(Json.write(p.toAttribute()), Map.class)));
        ContactPreferences read = ContactPreferences.of(d);
        assertEquals(List.of(ChannelKind.EMAIL), read.chosen(), "e-mail only, although a phone is known");
        assertEquals(List.of(), read.fallback());
        assertEquals(Language.EN, read.language());
        assertTrue(p.toString().contains("EMAIL") && !p.toString().contains("@"), p.toString());
        assertEquals(Map.of("channels", List.of("EMAIL"), "fallback", List.of(), "language", "en", "pushEndpointSet", false), p.view());
    }
}
