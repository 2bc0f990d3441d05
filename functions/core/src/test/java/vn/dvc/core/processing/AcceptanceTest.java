package vn.dvc.core.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dvc.core.processing.ProcessingFixtures.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dvc.core.calendar.Deadline;
import vn.dvc.core.calendar.NonWorkingDay;
import vn.dvc.core.calendar.ResumePolicy;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.error.ApiException;

class AcceptanceTest {
    private final Acceptance acceptance = Acceptance.standard();

    @Test
    void dueDateSkipsWeekendsAndNationalDay() {
        // Friday 29 Aug 2025: 5 working days skip Sat 30, Sun 31, Mon 1 Sep (adjacent day), Tue 2 Sep (National Day).
        Deadline d = acceptance.deadline(marriage(), vn("2025-08-29T10:00"));
        assertEquals(date("2025-09-09"), d.dueDate());
        assertEquals(vn("2025-09-09T17:00"), d.due());
        List<LocalDate> skipped = d.skippedDays().stream().map(NonWorkingDay::date).toList();
        assertTrue(skipped.containsAll(List.of(date("2025-08-30"), date("2025-08-31"), date("2025-09-01"), date("2025-09-02"),
                date("2025-09-06"), date("2025-09-07"))), skipped.toString());
        assertEquals(2, d.skippedDays().stream().filter(n -> n.kind() == NonWorkingDay.Kind.PUBLIC_HOLIDAY).count());
    }

    @Test
    void makeUpSaturdayCountsAsAWorkingDay() {
        // 26 Apr 2025 (Saturday) was a make-up working day for Friday 2 May.
        var twoDays = new vn.dvc.core.catalog.ProcessingTime(2, vn.dvc.core.catalog.ProcessingTimeUnit.WORKING_DAYS, null);
        Deadline d = acceptance.calendar().addWorkingDays(vn("2025-04-24T10:00"), twoDays.value());
        assertEquals(date("2025-04-26"), d.dueDate());
    }

    @Test
    void afterHoursReceiptCountsFromTheNextWorkingDay() {
        // Sunday night filing: received Monday, counting from Tuesday.
        Deadline d = acceptance.deadline(marriage(), vn("2025-10-05T22:00"));
        assertEquals(date("2025-10-13"), d.dueDate());
        assertEquals(vn("2025-10-07T08:00"), d.countingStart());
    }

    @Test
    void acceptWritesDueDateSlipAndEvent() {
        var at = vn("2025-08-29T10:00");
        var dossier = dossier("X00004.UBND-250829-0001", DossierStatus.AWAITING_PAYMENT, "X00004.UBND", at);
        DossierStore.Change change = acceptance.accept(dossier, components(at), marriage(), 0, at, Actor.system("payment"));
        assertEquals(DossierStatus.ACCEPTED, change.newStatus());
        assertEquals(dossier.version(), change.expectedVersion());
        assertEquals(vn("2025-09-09T17:00"), change.setAttributes().get(Acceptance.DUE_AT));
        @SuppressWarnings("unchecked")
        Map<String, Object> slip = (Map<String, Object>) change.setAttributes().get(Acceptance.RECEIPT);
        assertEquals(dossier.code(), slip.get("receiptNumber"));
        assertEquals(List.of("to-khai-dang-ky-ket-hon", "giay-to-tuy-than"), slip.get("componentsReceived"));
        assertEquals(5, slip.get("workingDaysCounted"));
        assertTrue(((Map<?, ?>) slip.get("explanation")).get("vi").toString().contains("ngày làm việc"));
        assertEquals("ACCEPTED", change.event().action());
        assertEquals("2025-09-09T10:00:00Z", change.event().details().get("dueAt"));
    }

    @Test
    void acceptingFromAWrongStatusIs409() {
        var at = vn("2025-08-29T10:00");
        var dossier = dossier("X00004.UBND-250829-0001", DossierStatus.RECEIVED, "X00004.UBND", at);
        ApiException e = assertThrows(ApiException.class,
                () -> acceptance.accept(dossier, components(at), marriage(), 0, at, Actor.SYSTEM));
        assertEquals(409, e.status());
    }

    @Test
    void clockStopResumesOrRestarts() {
        Deadline d = acceptance.deadline(marriage(), vn("2025-10-06T09:00"));
        assertEquals(date("2025-10-13"), d.dueDate());
        // Stopped at the end of Wednesday (2 of 5 days used), resumed Monday morning: 3 days left.
        Deadline resumed = acceptance.calendar().extendForPause(d, vn("2025-10-08T17:00"), vn("2025-10-13T08:00"), ResumePolicy.RESUME);
        assertEquals(date("2025-10-15"), resumed.dueDate());
        Deadline restarted = acceptance.calendar().extendForPause(d, vn("2025-10-08T17:00"), vn("2025-10-13T08:00"), ResumePolicy.RESTART);
        assertEquals(date("2025-10-20"), restarted.dueDate());
        assertEquals(1, restarted.pauses().size());
    }

    @Test
    void unknownProcessingTimeGivesNoDueDate() {
        var deathRegistration = vn.dvc.core.catalog.ProcedureCatalog.bundled().byCode("1.000656").orElseThrow();
        assertNull(acceptance.deadline(deathRegistration, vn("2025-10-06T09:00")));
    }
}
