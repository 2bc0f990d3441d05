package vn.dvc.core.catalog;

import java.util.List;
import java.util.Objects;
import vn.dvc.core.text.LocalizedText;

/**
 * One document component (thành phần hồ sơ) of a procedure.
 *
 * @param code             stable slug within the procedure, e.g. {@code to-khai}
 * @param caseGroup        the case (trường hợp) heading the component is listed under in the national record,
 *                         verbatim; null when the record lists one case only. {@code required} is relative to it.
 * @param required         true: always needed in its case; false: optional ("nếu có"); null: conditional
 * @param substitutableBy  database that can replace it, or null
 * @param acceptedTypes    MIME types an upload may have
 * @param maxBytes         largest accepted upload
 * @param quantityOriginal originals (bản chính) asked for
 * @param quantityCopy     copies (bản sao) asked for
 */
public record DocumentComponent(
        String code,
        LocalizedText name,
        String caseGroup,
        Boolean required,
        DataSubstitute substitutableBy,
        List<String> acceptedTypes,
        long maxBytes,
        int quantityOriginal,
        int quantityCopy) {

    public DocumentComponent {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        acceptedTypes = acceptedTypes == null ? List.of() : List.copyOf(acceptedTypes);
    }
}
