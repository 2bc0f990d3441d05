package vn.dvc.core.units;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal RFC 4180 reader for the bundled reference data: comma separated, fields optionally in double quotes,
 * {@code ""} inside quotes is a quote, quoted fields may hold commas and line breaks, LF or CRLF line ends,
 * an optional UTF-8 BOM. Hand-written because core takes no CSV library and the data is small.
 */
final class Csv {
    private Csv() {}

    /** Reads a classpath resource (UTF-8) and returns its data rows; the header row is checked and dropped. */
    static List<String[]> readResource(String path, String... expectedHeader) {
        try (InputStream in = Csv.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + path);
            }
            List<String[]> rows = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (rows.isEmpty() || !List.of(rows.get(0)).equals(List.of(expectedHeader))) {
                throw new IllegalStateException("unexpected header in " + path + ": "
                        + (rows.isEmpty() ? "<empty>" : String.join(",", rows.get(0))));
            }
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i).length != expectedHeader.length) {
                    throw new IllegalStateException(path + " row " + (i + 1) + " has " + rows.get(i).length
                            + " fields, expected " + expectedHeader.length);
                }
            }
            return rows.subList(1, rows.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Parses CSV text into rows of fields. Blank lines are skipped. */
    static List<String[]> parse(String text) {
        List<String[]> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        boolean rowHasContent = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                // Quoted field: read to the closing quote, unescaping "".
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        field.append(q);
                        i++;
                    }
                }
                rowHasContent = true;
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after closing quote at offset " + i);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                rowHasContent = true;
                i++;
            } else if (c == '\r' || c == '\n') {
                if (rowHasContent || !field.isEmpty()) {
                    fields.add(field.toString());
                    rows.add(fields.toArray(String[]::new));
                }
                fields.clear();
                field.setLength(0);
                rowHasContent = false;
                i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
            } else {
                field.append(c);
                rowHasContent = true;
                i++;
            }
        }
        if (rowHasContent || !field.isEmpty()) {
            fields.add(field.toString());
            rows.add(fields.toArray(String[]::new));
        }
        return rows;
    }
}
