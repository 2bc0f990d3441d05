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
 * Where and how a citizen wants to be told, read from the dossier: a {@code notification} object stored on the dossier
 * (attribute) or in the form ({@code {"channels": ["PUSH","EMAIL"], "fallback": ["SMS"], "language": "en",
 * "pushEndpoint": "arn:..."}}).
 *
 * <p>{@code chosen}: the channels that each get the notification once (the stored {@code channels}; without a choice,
 * the first channel the applicant's contact allows: the app's push endpoint, then the phone (SMS), then the e-mail).
 * {@code fallback}: the other channels the citizen allows, in that order, tried when a chosen one fails permanently
 * (the stored {@code fallback}, else every other channel with an address). A channel without an address is left out.
 * Language: the stored preference, else Vietnamese.
 */
public record ContactPreferences(List<ChannelKind> chosen, List<ChannelKind> fallback, Map<ChannelKind, String> addresses,
                                 Language language) {
    private static final List<ChannelKind> DEFAULT_ORDER = List.of(ChannelKind.PUSH, ChannelKind.SMS, ChannelKind.EMAIL);
    public static final String ATTRIBUTE = "notification";

    @Override
    public String toString() {
        return "ContactPreferences[" + chosen + " then " + fallback + ", " + language + ", addresses redacted]";
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
        if (isEmail(email)) {
            addresses.put(ChannelKind.EMAIL, email);
        }
        List<ChannelKind> chosen = kinds(stored.get("channels"), addresses, List.of());
        if (chosen.isEmpty()) {
            DEFAULT_ORDER.stream().filter(addresses::containsKey).findFirst().ifPresent(chosen::add);
        }
        List<ChannelKind> fallback = stored.get("fallback") instanceof List<?>
                ? kinds(stored.get("fallback"), addresses, chosen)
                : new ArrayList<>(DEFAULT_ORDER.stream().filter(k -> addresses.containsKey(k) && !chosen.contains(k)).toList());
        Object lang = stored.get("language");
        if (lang == null && dossier.attributes() != null) {
            lang = dossier.attributes().get("language");
        }
        Language language = lang instanceof String l ? Language.fromHeader(l) : Language.VI;
        return new ContactPreferences(List.copyOf(chosen), List.copyOf(fallback), Map.copyOf(addresses), language);
    }

    /** The channel names in {@code value} that have an address and are not in {@code except}, without repeats. */
    private static List<ChannelKind> kinds(Object value, Map<ChannelKind, String> addresses, List<ChannelKind> except) {
        List<ChannelKind> out = new ArrayList<>();
        if (value instanceof List<?> names) {
            for (Object c : names) {
                try {
                    ChannelKind kind = ChannelKind.valueOf(String.valueOf(c).toUpperCase(Locale.ROOT));
                    if (addresses.containsKey(kind) && !out.contains(kind) && !except.contains(kind)) {
                        out.add(kind);
                    }
                } catch (IllegalArgumentException ignored) {
                    // an unknown channel name is no channel
                }
            }
        }
        return out;
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

    /** Whether {@code email} looks like an e-mail address (what the e-mail channel will try). */
    public static boolean isEmail(String email) {
        return email != null && email.strip().length() <= 254 && email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
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
