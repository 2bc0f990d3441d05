package vn.dvc.core.text;

/** The two languages of the service. Vietnamese is the default for every citizen-facing text. */
public enum Language {
    VI, EN;

    /** Parses an Accept-Language header value: the first tag that is "en" wins English, anything else is Vietnamese. */
    public static Language fromHeader(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return VI;
        }
        String first = acceptLanguage.split(",")[0].trim().toLowerCase(java.util.Locale.ROOT);
        return first.startsWith("en") ? EN : VI;
    }
}
