package vn.dvc.core.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import vn.dvc.core.text.Language;

/**
 * How citizens read dates and money: dates {@code dd/MM/yyyy} in Vietnam's time zone, amounts in whole đồng with dot
 * grouping ({@code 10.000 đ}; English {@code 10,000 VND}). Plus the two escapes every template applies to
 * user-provided text.
 */
public final class VietnamFormat {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final int MAX_VALUE_CHARS = 300;

    private VietnamFormat() {}

    public static String date(Instant instant) {
        LocalDate d = LocalDate.ofInstant(instant, VIETNAM);
        return two(d.getDayOfMonth()) + "/" + two(d.getMonthValue()) + "/" + d.getYear();
    }

    public static String money(long dong, Language language) {
        String digits = Long.toString(Math.abs(dong));
        char separator = language == Language.EN ? ',' : '.';
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(separator);
            }
            grouped.append(digits.charAt(i));
        }
        String sign = dong < 0 ? "-" : "";
        return language == Language.EN ? sign + grouped + " VND" : sign + grouped + " đ";
    }

    /** Escapes text for an HTML element or a quoted attribute. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Plain-text form of a user-provided value (SMS, push, e-mail text part): control characters and line breaks
     * become spaces, runs of spaces collapse, and it is cut at a bound so one value cannot swamp the message.
     */
    public static String plain(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_VALUE_CHARS));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < MAX_VALUE_CHARS; i++) {
            char c = text.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT;
            if (blank) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (out.length() >= MAX_VALUE_CHARS) {
            out.append('…');
        }
        return out.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
