package vn.dvc.core.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opaque paging cursors: base64url of {@code <kind>:<position>}. The client passes back what it got; anything it
 * did not get (edited, truncated, from another list) decodes to empty, which an API answers with 400.
 */
public final class PageCursor {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private PageCursor() {}

    public static String encode(String kind, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position of a cursor of {@code kind}, or empty when the text is not such a cursor. */
    public static Optional<String> decode(String kind, String cursor) {
        if (cursor == null || !SAFE.matcher(cursor).matches()) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String prefix = kind + ":";
        return text.startsWith(prefix) && text.length() > prefix.length()
                ? Optional.of(text.substring(prefix.length())) : Optional.empty();
    }

    /** A cursor holding a non-negative offset below {@code max}, or empty. */
    public static Optional<Integer> decodeOffset(String kind, String cursor, int max) {
        return decode(kind, cursor).flatMap(position -> {
            if (position.length() > 9 || !position.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int offset = Integer.parseInt(position);
            return offset < max ? Optional.of(offset) : Optional.empty();
        });
    }
}
