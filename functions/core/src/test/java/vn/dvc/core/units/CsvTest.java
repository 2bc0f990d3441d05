package vn.dvc.core.units;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvTest {

    @Test
    void parsesQuotedFieldsWithCommasQuotesAndLineBreaks() {
        List<String[]> rows = Csv.parse("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"multi\nline\",\n");
        assertEquals(3, rows.size());
        assertArrayEquals(new String[] {"a", "b", "c"}, rows.get(0));
        assertArrayEquals(new String[] {"1", "x, y", "say \"hi\""}, rows.get(1));
        assertArrayEquals(new String[] {"2", "multi\nline", ""}, rows.get(2));
    }

    @Test
    void keepsEmptyFieldsAndLastLineWithoutNewline() {
        List<String[]> rows = Csv.parse(",,x\n\n\"\",y,");
        assertArrayEquals(new String[] {"", "", "x"}, rows.get(0));
        assertArrayEquals(new String[] {"", "y", ""}, rows.get(1));
        assertEquals(2, rows.size());
    }

    @Test
    void rejectsUnterminatedQuote() {
        assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,\"b\n"));
    }
}
