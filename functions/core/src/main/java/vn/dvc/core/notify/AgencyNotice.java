package vn.dvc.core.notify;

import java.time.Instant;
import vn.dvc.core.text.LocalizedText;

/**
 * A notice in an agency's inbox ({@code AGENCY#<id>} / {@code NOTICE#...}), read by its officials: a dossier arrived
 * (ACCEPTED), or (from the monitoring step) one is due soon. No personal data: code, procedure, dates.
 */
public record AgencyNotice(String agencyId, String noticeId, Kind kind, String dossierCode, String procedureCode,
                           LocalizedText text, Instant dueAt, Instant at) {
    public enum Kind { DOSSIER_ARRIVED, DUE_SOON }

    private static final LocalizedText ARRIVED = LocalizedText.of(
            "Hồ sơ mới {code} ({procedure}) đã được tiếp nhận giải quyết ngày {date}, hạn trả kết quả {dueDate}.",
            "New dossier {code} ({procedure}) accepted for processing on {date}; due {dueDate}.");
    private static final LocalizedText DUE_SOON_TEXT = LocalizedText.of(
            "Hồ sơ {code} ({procedure}) sắp đến hạn trả kết quả ({dueDate}).",
            "Dossier {code} ({procedure}) is due soon ({dueDate}).");

    public static AgencyNotice arrived(String agencyId, String noticeId, String procedureCode, TemplateData data) {
        return of(Kind.DOSSIER_ARRIVED, ARRIVED, agencyId, noticeId, procedureCode, data);
    }

    /** Hook for the monitoring step (sla-monitor): the due-soon early warning lands in the same inbox. */
    public static AgencyNotice dueSoon(String agencyId, String noticeId, String procedureCode, TemplateData data) {
        return of(Kind.DUE_SOON, DUE_SOON_TEXT, agencyId, noticeId, procedureCode, data);
    }

    private static AgencyNotice of(Kind kind, LocalizedText template, String agencyId, String noticeId, String procedureCode,
                                   TemplateData data) {
        LocalizedText text = LocalizedText.of(
                NotificationTemplates.fill(template.vi(), data, vn.dvc.core.text.Language.VI, VietnamFormat::plain),
                NotificationTemplates.fill(template.en(), data, vn.dvc.core.text.Language.EN, VietnamFormat::plain));
        return new AgencyNotice(agencyId, noticeId, kind, data.dossierCode(), procedureCode, text, data.dueAt(), data.at());
    }
}
