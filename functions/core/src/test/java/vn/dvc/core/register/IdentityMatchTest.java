package vn.dvc.core.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dvc.core.dossier.Applicant;

class IdentityMatchTest {
    private static final LocalDate BORN = LocalDate.of(1990, 5, 12);
    private static final CitizenRecord RECORD = new CitizenRecord("001090000001", "Nguyễn Văn An", BORN, "00004", List.of());

    private static Applicant applicant(String id, String name, LocalDate born) {
        return new Applicant(id, name, born, null, null);
    }

    @ParameterizedTest(name = "\"{0}\" matches")
    @CsvSource(delimiter = '|', value = {
            "Nguyễn Văn An", "nguyễn văn an", "NGUYỄN VĂN AN", "  Nguyễn   Văn  An ", "Nguyễn\tVăn An"})
    void namesMatchAfterCaseAndWhitespaceNormalisation(String declared) {
        var result = IdentityMatch.compare(applicant("001090000001", declared, BORN), null, Optional.of(RECORD));
        assertEquals(IdentityMatch.Outcome.MATCH, result.outcome(), result.mismatched().toString());
    }

    @Test
    void decomposedUnicodeMatchesComposed() {
        String decomposed = Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFD);
        assertNotEquals("Nguyễn Văn An", decomposed);
        assertTrue(IdentityMatch.compare(applicant("001090000001", decomposed, BORN), null, Optional.of(RECORD)).matched());
    }

    @ParameterizedTest(name = "\"{0}\" does not match")
    @CsvSource(delimiter = '|', value = {"Nguyen Van An", "Nguyễn Văn Ân", "Nguyễn Văn", "Nguyễn Vãn An"})
    void diacriticsMatter(String declared) {
        var result = IdentityMatch.compare(applicant("001090000001", declared, BORN), null, Optional.of(RECORD));
        assertEquals(IdentityMatch.Outcome.MISMATCH, result.outcome());
        assertEquals(List.of(IdentityMatch.FULL_NAME), result.mismatched());
    }

    @Test
    void dateOfBirthAndIdAreExactAndEmptyFieldsDoNotMatch() {
        var result = IdentityMatch.compare(applicant("001090000009", null, BORN.plusDays(1)), null, Optional.of(RECORD));
        assertEquals(List.of(IdentityMatch.PERSONAL_ID, IdentityMatch.FULL_NAME, IdentityMatch.DATE_OF_BIRTH), result.mismatched());
    }

    @Test
    void residenceIsComparedOnlyWhenTheProcedureNeedsIt() {
        Applicant a = applicant("001090000001", "Nguyễn Văn An", BORN);
        var notNeeded = IdentityMatch.compare(a, null, Optional.of(RECORD));
        assertEquals(List.of("personalId", "fullName", "dateOfBirth"), notNeeded.compared());
        assertTrue(IdentityMatch.compare(a, "00004", Optional.of(RECORD)).matched());
        var elsewhere = IdentityMatch.compare(a, "26734", Optional.of(RECORD));
        assertEquals(List.of(IdentityMatch.RESIDENCE), elsewhere.mismatched());
        assertTrue(elsewhere.compared().contains(IdentityMatch.RESIDENCE));
    }

    @Test
    void anAbsentRecordIsNotFoundNotAMismatch() {
        var result = IdentityMatch.compare(applicant("001090000001", "Nguyễn Văn An", BORN), null, Optional.empty());
        assertEquals(IdentityMatch.Outcome.NOT_FOUND, result.outcome());
        assertEquals(List.of(), result.mismatched());
    }

    @Test
    void theCanonicalFormIsStableAcrossEquivalentSpellings() {
        CitizenRecord decomposed = new CitizenRecord("001090000001",
                Normalizer.normalize(" NGUYỄN  VĂN AN ", Normalizer.Form.NFD), BORN, "00004", List.of());
        assertEquals(RECORD.canonical(), decomposed.canonical());
        assertEquals("CitizenRecord[redacted]", RECORD.toString());
    }
}
