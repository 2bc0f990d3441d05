package vn.dvc.core.text;

import java.util.Objects;

/**
 * Citizen-facing text in Vietnamese (with diacritics, the default) and English.
 * Every message a person can read goes through this type, so no text is ever English-only.
 */
public record LocalizedText(String vi, String en) {
    public LocalizedText {
        Objects.requireNonNull(vi, "vi");
        Objects.requireNonNull(en, "en");
    }

    public static LocalizedText of(String vi, String en) {
        return new LocalizedText(vi, en);
    }

    /** The text in the requested language; anything but English gets Vietnamese. */
    public String in(Language language) {
        return language == Language.EN ? en : vi;
    }
}
