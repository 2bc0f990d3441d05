package vn.dvc.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvc.core.calendar.CalendarAdjustments.Adjustment;
import vn.dvc.core.calendar.CalendarAdjustments.Kind;

class CalendarAdjustmentsTest {

    @Test
    void bundledSwapsFor2025And2026() {
        CalendarAdjustments bundled = CalendarAdjustments.bundled();
        assertEquals(Kind.WORKING_DAY, bundled.on(LocalDate.of(2025, 4, 26)).orElseThrow().kind());
        assertEquals(Kind.DAY_OFF, bundled.on(LocalDate.of(2025, 5, 2)).orElseThrow().kind());
        assertEquals(Kind.DAY_OFF, bundled.on(LocalDate.of(2026, 1, 2)).orElseThrow().kind());
        assertEquals(Kind.WORKING_DAY, bundled.on(LocalDate.of(2026, 1, 10)).orElseThrow().kind());
        assertEquals(Kind.WORKING_DAY, bundled.on(LocalDate.of(2026, 8, 22)).orElseThrow().kind());
        assertEquals(Kind.DAY_OFF, bundled.on(LocalDate.of(2026, 8, 31)).orElseThrow().kind());
        assertEquals(LocalDate.of(2025, 9, 1), bundled.nationalDay(2025).orElseThrow().adjacentDay());
        assertEquals(LocalDate.of(2025, 1, 27), bundled.tet(2025).orElseThrow().days().get(0));
        assertTrue(bundled.on(LocalDate.of(2025, 5, 5)).isEmpty());
    }

    @Test
    void everyBundledEntryNamesItsSourceAndEvidence() {
        CalendarAdjustments bundled = CalendarAdjustments.bundled();
        for (int year : List.of(2025, 2026)) {
            List<Adjustment> entries = bundled.inYear(year);
            assertFalse(entries.isEmpty());
            for (Adjustment a : entries) {
                assertFalse(a.source() == null || a.source().isBlank(), "source of " + a.date());
                assertFalse(a.evidence().isEmpty(), "evidence of " + a.date());
                assertFalse(a.reason().vi().isBlank() || a.reason().en().isBlank(), "reason of " + a.date());
                // A swap is between a weekday off and a weekend working day.
                boolean weekend = PublicHolidays.isWeeklyRestDay(a.date());
                assertEquals(a.kind() == Kind.WORKING_DAY, weekend, "kind of " + a.date());
            }
            assertFalse(bundled.tet(year).orElseThrow().source().isBlank());
            assertFalse(bundled.nationalDay(year).orElseThrow().evidence().isEmpty());
        }
    }

    @Test
    void overridesWinPerDateAndRegularRemovesAnEntry() {
        CalendarAdjustments extra = CalendarAdjustments.fromJson("""
                {"years": [{"year": 2026, "adjustments": [
                  {"date": "2026-11-24", "kind": "DAY_OFF", "reason": {"vi": "Ngày Văn hóa Việt Nam", "en": "Vietnamese Culture Day"},
                   "source": "test", "verification": "UNVERIFIED"},
                  {"date": "2026-08-22", "kind": "REGULAR", "reason": {"vi": "-", "en": "-"}, "source": "test"}
                ]}]}
                """);
        CalendarAdjustments merged = CalendarAdjustments.bundled().mergedWith(extra);
        assertEquals(Kind.DAY_OFF, merged.on(LocalDate.of(2026, 11, 24)).orElseThrow().kind());
        assertEquals(CalendarAdjustments.Verification.UNVERIFIED, merged.on(LocalDate.of(2026, 11, 24)).orElseThrow().verification());
        assertTrue(merged.on(LocalDate.of(2026, 8, 22)).isEmpty());
        assertEquals(Kind.DAY_OFF, merged.on(LocalDate.of(2026, 8, 31)).orElseThrow().kind());
        // The bundled instance itself is unchanged.
        assertEquals(Kind.WORKING_DAY, CalendarAdjustments.bundled().on(LocalDate.of(2026, 8, 22)).orElseThrow().kind());
    }

    @Test
    void overrideTetDaysAndNationalDayPerYear() {
        CalendarAdjustments extra = CalendarAdjustments.fromJson("""
                {"years": [{"year": 2027,
                  "tet": {"days": ["2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10"], "source": "test"},
                  "nationalDayAdjacentDay": {"date": "2027-09-03", "source": "test"}}]}
                """);
        List<LocalDate> dates = PublicHolidays.of(2027, HolidayRules.DEFAULT, extra).stream().map(Holiday::date).toList();
        assertTrue(dates.containsAll(List.of(LocalDate.of(2027, 2, 4), LocalDate.of(2027, 2, 10), LocalDate.of(2027, 9, 3))));
        assertFalse(dates.contains(LocalDate.of(2027, 9, 1)));
    }

    @Test
    void rejectsMalformedAnnouncements() {
        assertThrows(IllegalArgumentException.class, () -> CalendarAdjustments.fromJson("{not json"));
        assertThrows(IllegalArgumentException.class, () -> CalendarAdjustments.fromJson(
                "{\"years\": [{\"year\": 2027, \"tet\": {\"days\": [\"2027-02-05\"]}}]}"));
        assertThrows(IllegalArgumentException.class, () -> CalendarAdjustments.fromJson(
                "{\"years\": [{\"year\": 2027, \"nationalDayAdjacentDay\": {\"date\": \"2027-09-05\"}}]}"));
        assertThrows(IllegalArgumentException.class, () -> CalendarAdjustments.fromJson(
                "{\"years\": [{\"year\": 2027, \"adjustments\": [{\"date\": \"2028-01-02\", \"kind\": \"DAY_OFF\"}]}]}"));
        assertThrows(IllegalArgumentException.class, () -> CalendarAdjustments.fromJson(
                "{\"years\": [{\"year\": 2027, \"adjustments\": [{\"date\": \"2027-01-02\", \"kind\": \"HOLIDAY\"}]}]}"));
    }
}
