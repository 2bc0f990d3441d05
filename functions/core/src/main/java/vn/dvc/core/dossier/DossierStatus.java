package vn.dvc.core.dossier;

import java.util.EnumSet;
import java.util.Set;
import vn.dvc.core.text.LocalizedText;

/**
 * The life of a dossier (hồ sơ). Overdue is a flag, never a status.
 *
 * <p>VALIDATED is our one refinement of the published list: a complete, verified dossier waiting for its fee
 * to be computed, so that validation and fee calculation stay separate, retryable steps.
 */
public enum DossierStatus {
    RECEIVED("Đã tiếp nhận, chờ tài liệu", "Received, documents expected"),
    VALIDATING("Đang kiểm tra hồ sơ", "Being validated"),
    NEEDS_SUPPLEMENT("Cần bổ sung hồ sơ", "Needs supplement"),
    VALIDATED("Hồ sơ hợp lệ, chờ tính phí", "Validated, fee being calculated"),
    AWAITING_PAYMENT("Chờ nộp phí, lệ phí", "Awaiting payment"),
    ACCEPTED("Đã tiếp nhận giải quyết", "Accepted for processing"),
    IN_PROGRESS("Đang giải quyết", "In progress"),
    SUPPLEMENT_REQUESTED("Yêu cầu bổ sung, hoàn thiện hồ sơ", "Supplement requested"),
    APPROVED("Đã phê duyệt", "Approved"),
    RESULT_ISSUED("Đã có kết quả", "Result issued"),
    COMPLETED("Đã trả kết quả", "Completed"),
    REFUSED("Từ chối giải quyết", "Refused"),
    WITHDRAWN("Đã rút hồ sơ", "Withdrawn");

    private final LocalizedText label;

    DossierStatus(String vi, String en) {
        this.label = LocalizedText.of(vi, en);
    }

    public LocalizedText label() {
        return label;
    }

    /** The statuses this one may move to; anything else is an illegal transition (HTTP 409). */
    public Set<DossierStatus> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(VALIDATING, WITHDRAWN);
            case VALIDATING -> EnumSet.of(VALIDATED, NEEDS_SUPPLEMENT, WITHDRAWN);
            case NEEDS_SUPPLEMENT -> EnumSet.of(VALIDATING, WITHDRAWN);
            case VALIDATED -> EnumSet.of(AWAITING_PAYMENT, ACCEPTED, WITHDRAWN);
            case AWAITING_PAYMENT -> EnumSet.of(ACCEPTED, WITHDRAWN);
            case ACCEPTED -> EnumSet.of(IN_PROGRESS, REFUSED, WITHDRAWN);
            case IN_PROGRESS -> EnumSet.of(SUPPLEMENT_REQUESTED, APPROVED, REFUSED, WITHDRAWN);
            case SUPPLEMENT_REQUESTED -> EnumSet.of(IN_PROGRESS, REFUSED, WITHDRAWN);
            case APPROVED -> EnumSet.of(RESULT_ISSUED);
            case RESULT_ISSUED -> EnumSet.of(COMPLETED);
            case COMPLETED, REFUSED, WITHDRAWN -> EnumSet.noneOf(DossierStatus.class);
        };
    }

    public boolean canMoveTo(DossierStatus target) {
        return next().contains(target);
    }

    /** The citizen may still upload or replace documents. */
    public boolean acceptsDocuments() {
        return this == RECEIVED || this == NEEDS_SUPPLEMENT || this == SUPPLEMENT_REQUESTED;
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
