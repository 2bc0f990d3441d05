package vn.dvc.core.notify;

import java.util.Optional;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.text.LocalizedText;

/**
 * What a citizen is told about, with its template in Vietnamese and English. One event per status a dossier can
 * reach, except VALIDATED (our internal step, followed at once by AWAITING_PAYMENT or ACCEPTED, which say more);
 * OVERDUE is the monitoring step's apology with a new date (Phiếu xin lỗi và hẹn lại ngày trả kết quả).
 *
 * <p>Placeholders: {@code {code}} dossier code, {@code {procedure}} procedure name, {@code {date}} the change's date,
 * {@code {dueDate}} the appointment date, {@code {fee}} the amount due, {@code {reason}} the reason given.
 */
public enum NotificationEvent {
    RECEIVED("Hồ sơ {code} đã được tiếp nhận",
            "Hồ sơ {code} ({procedure}) đã được tiếp nhận ngày {date}. Vui lòng tải lên đầy đủ giấy tờ để hồ sơ được kiểm tra.",
            "Dossier {code} received",
            "Dossier {code} ({procedure}) was received on {date}. Please upload all documents so that it can be checked."),
    VALIDATING("Hồ sơ {code} đang được kiểm tra",
            "Hồ sơ {code} ({procedure}) đã nhận đủ giấy tờ và đang được kiểm tra.",
            "Dossier {code} is being checked",
            "All documents of dossier {code} ({procedure}) have arrived; it is being checked."),
    NEEDS_SUPPLEMENT("Hồ sơ {code} cần bổ sung",
            "Hồ sơ {code} ({procedure}) cần bổ sung: {reason}. Vui lòng bổ sung trên ứng dụng Dịch vụ công.",
            "Dossier {code} needs more documents",
            "Dossier {code} ({procedure}) needs a supplement: {reason}. Please complete it in the public services app."),
    AWAITING_PAYMENT("Hồ sơ {code} chờ nộp phí, lệ phí",
            "Hồ sơ {code} ({procedure}) hợp lệ. Vui lòng nộp phí, lệ phí {fee} để hồ sơ được tiếp nhận giải quyết.",
            "Dossier {code}: fees due",
            "Dossier {code} ({procedure}) is valid. Please pay the fees of {fee} so that it can be accepted for processing."),
    ACCEPTED("Hồ sơ {code} đã được tiếp nhận giải quyết",
            "Hồ sơ {code} ({procedure}) đã được tiếp nhận giải quyết ngày {date}. Ngày hẹn trả kết quả: {dueDate}.",
            "Dossier {code} accepted for processing",
            "Dossier {code} ({procedure}) was accepted for processing on {date}. Expected result date: {dueDate}."),
    IN_PROGRESS("Hồ sơ {code} đang được giải quyết",
            "Hồ sơ {code} ({procedure}) đang được cơ quan có thẩm quyền giải quyết. Ngày hẹn trả kết quả: {dueDate}.",
            "Dossier {code} in progress",
            "Dossier {code} ({procedure}) is being processed by the competent agency. Expected result date: {dueDate}."),
    SUPPLEMENT_REQUESTED("Yêu cầu bổ sung, hoàn thiện hồ sơ {code}",
            "Cơ quan giải quyết yêu cầu bổ sung, hoàn thiện hồ sơ {code} ({procedure}): {reason}. Thời hạn giải quyết tạm dừng đến khi bạn bổ sung.",
            "Supplement requested for dossier {code}",
            "The agency asks you to complete dossier {code} ({procedure}): {reason}. The processing time is paused until you do."),
    APPROVED("Hồ sơ {code} đã được phê duyệt",
            "Hồ sơ {code} ({procedure}) đã được phê duyệt ngày {date}. Kết quả sẽ được ban hành trong thời gian sớm nhất.",
            "Dossier {code} approved",
            "Dossier {code} ({procedure}) was approved on {date}. The result will be issued shortly."),
    RESULT_ISSUED("Đã có kết quả hồ sơ {code}",
            "Đã có kết quả giải quyết hồ sơ {code} ({procedure}) ngày {date}. Bạn có thể xem và tải kết quả trên ứng dụng Dịch vụ công.",
            "Result of dossier {code} issued",
            "The result of dossier {code} ({procedure}) was issued on {date}. You can view and download it in the public services app."),
    COMPLETED("Hồ sơ {code} đã hoàn thành",
            "Hồ sơ {code} ({procedure}) đã hoàn thành và trả kết quả ngày {date}. Mời bạn đánh giá mức độ hài lòng trên ứng dụng.",
            "Dossier {code} completed",
            "Dossier {code} ({procedure}) was completed and its result handed over on {date}. Please rate the service in the app."),
    REFUSED("Hồ sơ {code} bị từ chối giải quyết",
            "Hồ sơ {code} ({procedure}) bị từ chối giải quyết ngày {date}. Lý do: {reason}.",
            "Dossier {code} refused",
            "Dossier {code} ({procedure}) was refused on {date}. Reason: {reason}."),
    WITHDRAWN("Hồ sơ {code} đã được rút",
            "Hồ sơ {code} ({procedure}) đã được rút theo yêu cầu của bạn ngày {date}.",
            "Dossier {code} withdrawn",
            "Dossier {code} ({procedure}) was withdrawn at your request on {date}."),
    OVERDUE("Xin lỗi về việc chậm trả kết quả hồ sơ {code}",
            "Hồ sơ {code} ({procedure}) chưa được giải quyết đúng hẹn. Cơ quan giải quyết xin lỗi và hẹn trả kết quả ngày {dueDate}.",
            "Apology: dossier {code} is late",
            "Dossier {code} ({procedure}) was not settled on time. The agency apologises and expects the result on {dueDate}."),
    // ---- monitoring (issue 8): the agency set its own new appointment date (apology slip replaced)
    RESCHEDULED("Hẹn lại ngày trả kết quả hồ sơ {code}",
            "Cơ quan giải quyết xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code} ({procedure}) là ngày {dueDate}. Lý do: {reason}.",
            "New result date for dossier {code}",
            "The agency apologises and has set a new result date for dossier {code} ({procedure}): {dueDate}. Reason: {reason}.");

    private final LocalizedText subject;
    private final LocalizedText body;

    NotificationEvent(String subjectVi, String bodyVi, String subjectEn, String bodyEn) {
        this.subject = LocalizedText.of(subjectVi, subjectEn);
        this.body = LocalizedText.of(bodyVi, bodyEn);
    }

    public LocalizedText subject() {
        return subject;
    }

    public LocalizedText body() {
        return body;
    }

    /** The citizen's notification for a status change, or empty for a status they are not told about. */
    public static Optional<NotificationEvent> forStatus(DossierStatus status) {
        if (status == null || status == DossierStatus.VALIDATED) {
            return Optional.empty();
        }
        return Optional.of(valueOf(status.name()));
    }
}
