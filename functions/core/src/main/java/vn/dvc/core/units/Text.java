package vn.dvc.core.units;

import java.text.Normalizer;

/**
 * Text helpers for matching Vietnamese names typed by people: with or without diacritics, in any case,
 * in NFC or NFD form, with "Hòa"/"Hoà" tone-mark placement variants.
 */
public final class Text {
    private Text() {}

    /**
     * Folds a string for comparison: removes all diacritics (tone marks and the horn/breve/circumflex),
     * maps "đ"/"Đ" to "d" (they are separate letters, not a base letter with a mark, so NFD alone keeps them),
     * lower-cases, trims and collapses runs of whitespace to one space. {@code null} folds to "".
     * Examples: "Thủ Đức" → "thu duc"; "Hoà" and "Hòa" → "hoa"; NFC and NFD input give the same result.
     */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK) {
                continue;
            }
            if (Character.isWhitespace(c) || c == '\u00A0') {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            // U+00D0/U+00F0 (Icelandic eth) are often typed for Đ/đ by mistake.
            if (c == 'đ' || c == 'Đ' || c == '\u00D0' || c == '\u00F0') {
                out.append('d');
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /**
     * {@link #fold} and then every character that is not a letter or digit becomes a word separator,
     * so "Bà Rịa - Vũng Tàu" and "ba ria vung tau", or "Đạ M'ri" and "da m ri", compare equal.
     */
    public static String foldWords(String text) {
        String folded = fold(text);
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
            } else {
                pendingSpace = true;
            }
        }
        return out.toString();
    }
}
