package vn.dvc.core.notify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.dvc.core.dossier.Applicant;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.text.Language;

/**
 * Where and how a citizen wants to be told, in order of preference (the fallback order), read from the dossier:
 * a {@code notification} object stored by intake (dossier attribute) or sent in the form
 * ({@code {"channels": ["PUSH","SMS","EMAIL"], "language": "en", "pushEndpoint": "arn:..."}}), else every channel
 * the applicant's contact allows: the app's push endpoint, then the phone (SMS), then the e-mail. A channel without
 * an address is left out. Language: the stored preference, else Vietnamese.
 */
public record ContactPreferences(List<ChannelKind> order, Map<ChannelKind, String> addresses, Language language) {
    public static final String ATTRIBUTE = "notification";

    @Override
    public String toString() {
        return "ContactPreferences[" + order + ", " + language + ", addresses redacted]";
    }

    public static ContactPreferences of(Dossier dossier) {
        Map<?, ?> stored = storedPreferences(dossier);
        Applicant applicant = dossier.applicant();
        Map<ChannelKind, String> addresses = new EnumMap<>(ChannelKind.class);
        String push = stored.get("pushEndpoint") instanceof String s && !s.isBlank() ? s.strip() : null;
        if (push != null) {
            addresses.put(ChannelKind.PUSH, push);
        }
        String phone = applicant == null ? null : e164(applicant.phone());
        if (phone != null) {
            addresses.put(ChannelKind.SMS, phone);
        }
        String email = applicant == null || applicant.email() == null ? null : applicant.email().strip();
        if (email != null && email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            addresses.put(ChannelKind.EMAIL, email);
        }
        List<ChannelKind> order = new ArrayList<>();
        if (stored.get("channels") instanceof List<?> chosen && !chosen.isEmpty()) {
            for (Object c : chosen) {
                try {
                    ChannelKind kind = ChannelKind.valueOf(String.valueOf(c).toUpperCase(Locale.ROOT));
                    if (addresses.containsKey(kind) && !order.contains(kind)) {
                        order.add(kind);
                    }
                } catch (IllegalArgumentException ignored) {
                    // an unknown channel name is no channel
                }
            }
        } else {
            for (ChannelKind kind : List.of(ChannelKind.PUSH, ChannelKind.SMS, ChannelKind.EMAIL)) {
                if (addresses.containsKey(kind)) {
                    order.add(kind);
                }
            }
        }
        Object lang = stored.get("language");
        if (lang == null && dossier.attributes() != null) {
            lang = dossier.attributes().get("language");
        }
        Language language = lang instanceof String l ? Language.fromHeader(l) : Language.VI;
        return new ContactPreferences(List.copyOf(order), Map.copyOf(addresses), language);
    }

    private static Map<?, ?> storedPreferences(Dossier dossier) {
        if (dossier.attributes() != null && dossier.attributes().get(ATTRIBUTE) instanceof Map<?, ?> m) {
            return m;
        }
        if (dossier.form() != null && dossier.form().get(ATTRIBUTE) instanceof Map<?, ?> m) {
            return m;
        }
        return Map.of();
    }

    /** A Vietnamese phone number in E.164 (+84…), or null when it is not one. */
    public static String e164(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s.()-]", "");
        if (digits.startsWith("+84")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("84") && digits.length() == 11) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0")) {
            digits = digits.substring(1);
        } else {
            return null;
        }
        return digits.matches("[1-9][0-9]{8}") ? "+84" + digits : null;
    }
}
