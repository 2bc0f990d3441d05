package vn.dvc.core.notify;

import java.util.function.UnaryOperator;
import vn.dvc.core.text.Language;
import vn.dvc.core.text.LocalizedText;

/**
 * Renders a {@link NotificationEvent} for one language: a subject, a plain text (SMS, push, the e-mail's text part)
 * and an HTML e-mail body. User-provided values are escaped for HTML and flattened for plain text, so a name or a
 * reason can neither inject markup nor break a message into lines.
 */
public final class NotificationTemplates {
    private static final LocalizedText UNKNOWN_PROCEDURE = LocalizedText.of("thủ tục hành chính", "administrative procedure");
    private static final LocalizedText NOT_SET = LocalizedText.of("chưa xác định", "to be announced");
    private static final LocalizedText NO_REASON = LocalizedText.of("xem chi tiết trên ứng dụng", "see the details in the app");
    private static final LocalizedText GREETING = LocalizedText.of("Kính gửi", "Dear");
    private static final LocalizedText GREETING_ANONYMOUS = LocalizedText.of("Kính gửi Quý công dân", "Dear citizen");
    private static final LocalizedText FOOTER = LocalizedText.of(
            "Tra cứu hồ sơ bằng mã {code} trên Cổng Dịch vụ công. Đây là thư tự động, vui lòng không trả lời.",
            "Track your dossier with code {code} on the public services portal. This is an automatic message; please do not reply.");

    public record Rendered(String subject, String text, String html) {}

    private NotificationTemplates() {}

    public static Rendered render(NotificationEvent event, Language language, TemplateData data) {
        String subject = fill(event.subject().in(language), data, language, VietnamFormat::plain);
        String text = fill(event.body().in(language), data, language, VietnamFormat::plain);
        String greeting = data.recipientName() == null || data.recipientName().isBlank()
                ? VietnamFormat.html(GREETING_ANONYMOUS.in(language))
                : VietnamFormat.html(GREETING.in(language)) + " " + VietnamFormat.html(VietnamFormat.plain(data.recipientName()));
        String html = "<!DOCTYPE html><html lang=\"" + (language == Language.EN ? "en" : "vi") + "\"><head><meta charset=\"utf-8\"><title>"
                + VietnamFormat.html(subject) + "</title></head><body>"
                + "<p>" + greeting + ",</p>"
                + "<p>" + fill(event.body().in(language), data, language, v -> VietnamFormat.html(VietnamFormat.plain(v))) + "</p>"
                + "<p><small>" + fill(FOOTER.in(language), data, language, v -> VietnamFormat.html(VietnamFormat.plain(v))) + "</small></p>"
                + "</body></html>";
        return new Rendered(subject, text, html);
    }

    /**
     * Replaces the placeholders; every value passes through {@code escape}, including our own (a procedure name
     * from the catalog is operator-provided text too).
     */
    static String fill(String template, TemplateData data, Language language, UnaryOperator<String> escape) {
        LocalizedText procedure = data.procedureName() == null ? UNKNOWN_PROCEDURE : data.procedureName();
        String notSet = NOT_SET.in(language);
        // One pass over the template only: a value that happens to contain "{date}" stays as typed.
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String name = template.substring(open + 1, close);
            out.append(switch (name) {
                case "code" -> escape.apply(data.dossierCode());
                case "procedure" -> escape.apply(procedure.in(language));
                case "date" -> data.at() == null ? notSet : VietnamFormat.date(data.at());
                case "dueDate" -> data.dueAt() == null ? notSet : VietnamFormat.date(data.dueAt());
                case "fee" -> data.feeTotal() == null ? notSet : VietnamFormat.money(data.feeTotal(), language);
                case "reason" -> escape.apply(stripEnd(data.reason() == null ? NO_REASON.in(language) : data.reason().in(language)));
                default -> throw new IllegalArgumentException("unknown placeholder {" + name + "}");
            });
            i = close + 1;
        }
        return out.toString();
    }

    /** "Thiếu chữ ký." inside "…: {reason}." would end with two dots. */
    private static String stripEnd(String text) {
        String t = text.strip();
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
