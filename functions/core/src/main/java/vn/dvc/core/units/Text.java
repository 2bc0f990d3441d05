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
        String folded = foldDecomposed(text, false);
        // A character outside the precomputed Latin tables: take the general (slower) path through NFD.
        return folded != null ? folded : foldDecomposed(Normalizer.normalize(text, Normalizer.Form.NFD), true);
    }

    /**
     * Folds character by character. With {@code decomposed} false, a non-ASCII letter must be in the precomputed
     * tables, else null is returned; this avoids running the Normalizer over every name when building indexes.
     */
    private static String foldDecomposed(String text, boolean decomposed) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isMark(c)) {
                continue;
            }
            if (Character.isWhitespace(c) || c == '\u00A0') {
                pendingSpace = out.length() > 0;
                continue;
            }
            char mapped;
            if (c < 0x80) {
                mapped = (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
            } else if (c < FoldTable.LATIN.length && FoldTable.LATIN[c] != 0) {
                mapped = FoldTable.LATIN[c];
            } else if (c >= 0x1E00 && c <= 0x1EFF && FoldTable.EXTENDED_ADDITIONAL[c - 0x1E00] != 0) {
                mapped = FoldTable.EXTENDED_ADDITIONAL[c - 0x1E00];
            } else if (decomposed) {
                mapped = Character.toLowerCase(c);
            } else {
                return null;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(mapped);
        }
        return out.toString();
    }

    private static boolean isMark(char c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** Folded form of each precomposed Latin letter Vietnamese uses (Latin-1 to Extended-B, Extended Additional). */
    private static final class FoldTable {
        static final char[] LATIN = new char[0x250];
        static final char[] EXTENDED_ADDITIONAL = new char[0x100];

        static {
            for (char c = 0xC0; c < 0x250; c++) {
                LATIN[c] = foldLetter(c);
            }
            for (char c = 0x1E00; c <= 0x1EFF; c++) {
                EXTENDED_ADDITIONAL[c - 0x1E00] = foldLetter(c);
            }
        }

        /** 0 when the character is not a letter that folds to one base letter. */
        private static char foldLetter(char c) {
            // Đ/đ are letters of their own (no decomposition); U+00D0/U+00F0 (eth) are often typed for them.
            if (c == 'đ' || c == 'Đ' || c == '\u00D0' || c == '\u00F0') {
                return 'd';
            }
            if (!Character.isLetter(c)) {
                return 0;
            }
            String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char base = 0;
            for (int i = 0; i < decomposed.length(); i++) {
                char d = decomposed.charAt(i);
                if (isMark(d)) {
                    continue;
                }
                if (base != 0) {
                    return 0;
                }
                base = d;
            }
            return base == 0 ? 0 : Character.toLowerCase(base);
        }
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
