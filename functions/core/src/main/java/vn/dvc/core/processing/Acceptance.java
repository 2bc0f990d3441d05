package vn.dvc.core.processing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.core.calendar.Deadline;
import vn.dvc.core.calendar.NonWorkingDay;
import vn.dvc.core.calendar.WorkingDayCalendar;
import vn.dvc.core.catalog.ProcessingTime;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.text.LocalizedText;

/**
 * Official receipt of a complete, paid dossier (tiếp nhận): the statutory clock starts, the due date comes from the
 * working-day calendar, and the receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) is kept on
 * the dossier with its explanation (start instant, working days counted, every non-working day skipped).
 *
 * <p>The step that accepts (fee calculator for free procedures, payment for paid ones) calls {@link #accept} and
 * applies the returned change through {@link DossierStore#apply}; the change is conditional on the version read,
 * so accepting twice is impossible. A procedure whose processing time is unknown is accepted without a due date
 * (the slip says so); officials see it and the SLA monitor cannot count it late.
 *
 * <p>Stored attributes: {@code dueAt} (instant), {@code deadline} ({@link Deadline} as JSON, the explanation and
 * every clock stop), {@code receipt} (the slip as JSON).
 */
public final class Acceptance {
    public static final String DUE_AT = "dueAt";
    public static final String DEADLINE = "deadline";
    public static final String RECEIPT = "receipt";

    private final WorkingDayCalendar calendar;

    public Acceptance(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    public static Acceptance standard() {
        return new Acceptance(WorkingDayCalendar.standard());
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /** The statutory deadline of a procedure for a dossier accepted at {@code start}; null when its time is unknown. */
    public Deadline deadline(Procedure procedure, Instant start) {
        ProcessingTime time = procedure.processingTime();
        if (time == null) {
            return null;
        }
        return switch (time.unit()) {
            case WORKING_DAYS -> calendar.addWorkingDays(start, time.value());
            case WORKING_HOURS -> calendar.addWorkingHours(start, time.value());
            case IMMEDIATE -> calendar.addWorkingDays(start, 0);
        };
    }

    /**
     * The change that makes {@code dossier} ACCEPTED (from VALIDATED or AWAITING_PAYMENT) with its due date and slip.
     *
     * @param components the dossier's components as stored (the slip lists the satisfied ones)
     * @param feePaid    whole VND actually paid (0 for a free procedure or an exemption)
     * @throws ApiException 409 when the dossier cannot be accepted from its current status
     */
    public DossierStore.Change accept(Dossier dossier, List<Component> components, Procedure procedure, long feePaid,
                                      Instant now, Actor actor) {
        if (!dossier.status().canMoveTo(DossierStatus.ACCEPTED)) {
            throw DecisionService.illegal(dossier.status(), DossierStatus.ACCEPTED);
        }
        Deadline deadline = deadline(procedure, now);
        ReceiptSlip slip = ReceiptSlip.of(dossier, components, procedure, feePaid, now, deadline);
        Map<String, Object> attributes = new LinkedHashMap<>(dueAttributes(deadline));
        attributes.put(RECEIPT, Json.MAPPER.convertValue(slip, Map.class));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("receiptNumber", slip.receiptNumber());
        details.put("feePaid", feePaid);
        if (deadline != null) {
            details.put("dueAt", deadline.due().toString());
            details.put("workingDays", deadline.amount());
            details.put("unit", deadline.unit().name());
        }
        HistoryEvent event = new HistoryEvent(now, actor, "ACCEPTED", dossier.status(), DossierStatus.ACCEPTED,
                null, details);
        return new DossierStore.Change(dossier.code(), dossier.version(), DossierStatus.ACCEPTED, attributes, List.of(),
                event);
    }

    /**
     * The acceptance change combined with what the accepting step writes itself (fee breakdown, payment), so the
     * status, the due date, the slip and the step's own record land in one conditional write with one history event.
     */
    public DossierStore.Change acceptWith(Dossier dossier, List<Component> components, Procedure procedure, long feePaid,
                                          Instant now, Actor actor, Map<String, Object> stepAttributes,
                                          Map<String, Object> stepDetails, LocalizedText reason) {
        DossierStore.Change base = accept(dossier, components, procedure, feePaid, now, actor);
        Map<String, Object> attributes = new LinkedHashMap<>(stepAttributes);
        attributes.putAll(base.setAttributes());
        Map<String, Object> details = new LinkedHashMap<>(stepDetails);
        details.putAll(base.event().details());
        HistoryEvent event = new HistoryEvent(now, actor, "ACCEPTED", dossier.status(), DossierStatus.ACCEPTED, reason,
                details);
        return new DossierStore.Change(base.code(), base.expectedVersion(), DossierStatus.ACCEPTED, attributes,
                base.components(), event);
    }

    /** The attributes that carry a deadline: the due instant (indexed) and the full explanation. */
    public static Map<String, Object> dueAttributes(Deadline deadline) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (deadline != null) {
            attributes.put(DUE_AT, deadline.due());
            attributes.put(DEADLINE, Json.MAPPER.convertValue(deadline, Map.class));
        }
        return attributes;
    }

    /** The deadline stored on a dossier, or null when it has none. */
    public static Deadline storedDeadline(Dossier dossier) {
        Object stored = dossier.attributes() == null ? null : dossier.attributes().get(DEADLINE);
        return stored == null ? null : Json.convert(stored, Deadline.class);
    }

    /**
     * The receipt and appointment slip. {@code receiptNumber} is the dossier code (printed on the slip and used to
     * track); {@code explanation} says how the due date was counted, in words a citizen can read.
     */
    public record ReceiptSlip(
            String receiptNumber,
            String procedureCode,
            LocalizedText procedureName,
            String agencyId,
            Instant receivedAt,
            List<String> componentsReceived,
            long feePaid,
            Instant dueAt,
            String deadlineUnit,
            Integer workingDaysCounted,
            Instant countingStart,
            List<NonWorkingDay> daysSkipped,
            LocalizedText explanation) {

        static ReceiptSlip of(Dossier dossier, List<Component> components, Procedure procedure, long feePaid, Instant now,
                              Deadline deadline) {
            List<String> received = new ArrayList<>();
            for (Component c : components) {
                if (c.state().satisfied()) {
                    received.add(c.code());
                }
            }
            LocalizedText explanation;
            if (deadline == null) {
                explanation = LocalizedText.of(
                        "Thời hạn giải quyết của thủ tục chưa được công bố; cơ quan sẽ thông báo ngày trả kết quả.",
                        "The procedure's processing time is not published; the agency will announce the return date.");
                return new ReceiptSlip(dossier.code(), procedure.code(), procedure.name(), dossier.agencyId(), now,
                        received, feePaid, null, null, null, null, List.of(), explanation);
            }
            String unitVi = deadline.unit() == Deadline.Unit.WORKING_DAYS ? "ngày làm việc" : "giờ làm việc";
            String unitEn = deadline.unit() == Deadline.Unit.WORKING_DAYS ? "working days" : "working hours";
            explanation = LocalizedText.of(
                    "Tiếp nhận lúc " + now + "; tính " + deadline.amount() + " " + unitVi + " từ " + deadline.countingStart()
                            + ", bỏ qua " + deadline.skippedDays().size() + " ngày nghỉ (cuối tuần, lễ, Tết); hẹn trả "
                            + deadline.dueDate() + ".",
                    "Received at " + now + "; " + deadline.amount() + " " + unitEn + " counted from "
                            + deadline.countingStart() + ", skipping " + deadline.skippedDays().size()
                            + " non-working days (weekends, holidays); due " + deadline.dueDate() + ".");
            return new ReceiptSlip(dossier.code(), procedure.code(), procedure.name(), dossier.agencyId(), now, received,
                    feePaid, deadline.due(), deadline.unit().name(), deadline.amount(), deadline.countingStart(),
                    deadline.skippedDays(), explanation);
        }
    }
}
