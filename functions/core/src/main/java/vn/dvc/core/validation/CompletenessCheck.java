package vn.dvc.core.validation;

import java.util.ArrayList;
import java.util.List;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.text.LocalizedText;

/**
 * Is the dossier complete? Every required component must be received, or substituted (by a stored document or by
 * register data), or substitutable by a national register (the identity check then confirms it).
 */
public final class CompletenessCheck {
    private CompletenessCheck() {}

    public record Missing(String component, LocalizedText reason) {}

    public static List<Missing> missing(List<Component> components) {
        List<Missing> missing = new ArrayList<>();
        for (Component c : components) {
            if (!c.required() || c.state().satisfied() || c.substitutedBy() != null) {
                continue;
            }
            missing.add(new Missing(c.code(), switch (c.state()) {
                case QUARANTINED -> LocalizedText.of("Tệp đã nộp không hợp lệ: "
                        + (c.reason() == null ? "" : c.reason().vi()) + " Vui lòng nộp lại.",
                        "The file submitted is not valid: " + (c.reason() == null ? "" : c.reason().en()) + " Please upload it again.");
                default -> LocalizedText.of("Thiếu thành phần hồ sơ bắt buộc.", "A required document component is missing.");
            }));
        }
        return missing;
    }
}
