package vn.dvc.core.units;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextTest {

    @Test
    void foldRemovesDiacriticsAndCaseAndMapsDToD() {
        assertEquals("thu duc", Text.fold("Thủ Đức"));
        assertEquals("dac khu con dao", Text.fold("ĐẶC KHU CÔN ĐẢO"));
        assertEquals("ha noi", Text.fold("  Hà   Nội "));
        assertEquals("", Text.fold(null));
    }

    @Test
    void foldIsTheSameForNfcAndNfdAndForToneMarkPlacement() {
        String nfc = Normalizer.normalize("Phường Thủy Nguyên Hòa", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("Phường Thủy Nguyên Hòa", Normalizer.Form.NFD);
        assertEquals(Text.fold(nfc), Text.fold(nfd));
        assertEquals(Text.fold("Hòa Thủy"), Text.fold("Hoà Thuỷ"));
    }

    @Test
    void foldAgreesWithAPlainNormalizerReferenceOnEveryUnitName() {
        AdministrativeUnits units = AdministrativeUnits.get();
        List<String> names = new ArrayList<>();
        units.communes().forEach(c -> names.add(c.fullName()));
        units.provinces().forEach(p -> names.add(p.fullName()));
        units.oldCommunes().forEach(c -> names.add(c.name()));
        units.oldDistricts().forEach(d -> names.add(d.name()));
        names.add("Ἀθῆναι Ωmega"); // outside the Latin tables: the general path
        for (String name : names) {
            String reference = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                    .replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
            assertEquals(reference, Text.fold(name), name);
            assertEquals(reference, Text.fold(Normalizer.normalize(name, Normalizer.Form.NFD)), name);
        }
    }

    @Test
    void foldWordsTurnsPunctuationIntoSeparators() {
        assertEquals("ba ria vung tau", Text.foldWords("Bà Rịa - Vũng Tàu"));
        assertEquals("da m ri", Text.foldWords("Đạ M'ri"));
        assertEquals("van mieu quoc tu giam", Text.foldWords("Văn Miếu - Quốc Tử Giám"));
    }
}
