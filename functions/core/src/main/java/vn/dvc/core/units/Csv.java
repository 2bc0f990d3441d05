package vn.dvc.core.units;

import java.io.ByteArrayOutputStream;
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
            List<String[]> rows = parse(in.readAllBytes());
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

    static List<String[]> parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses UTF-8 CSV bytes into rows of fields; blank lines are skipped. Works on bytes and decodes each field
     * once: the delimiters are ASCII and never occur inside a multi-byte UTF-8 sequence, and a per-character
     * loop over a decoded String is several times slower on a cold JVM (Lambda cold start).
     */
    static List<String[]> parse(byte[] data) {
        List<String[]> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>(16);
        int n = data.length;
        int i = (n >= 3 && data[0] == (byte) 0xEF && data[1] == (byte) 0xBB && data[2] == (byte) 0xBF) ? 3 : 0;
        while (i < n) {
            byte c = data[i];
            if (fields.isEmpty() && (c == '\n' || c == '\r')) {
                i++; // blank line or the LF of a CRLF
                continue;
            }
            String field;
            if (c == '"') {
                ByteArrayOutputStream quoted = new ByteArrayOutputStream();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    byte q = data[i];
                    if (q == '"') {
                        if (i + 1 < n && data[i + 1] == '"') {
                            quoted.write('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        quoted.write(q);
                        i++;
                    }
                }
                if (i < n && data[i] != ',' && data[i] != '\n' && data[i] != '\r') {
                    throw new IllegalArgumentException("text after closing quote at byte " + i);
                }
                field = quoted.toString(StandardCharsets.UTF_8);
            } else {
                int start = i;
                while (i < n && data[i] != ',' && data[i] != '\n' && data[i] != '\r') {
                    i++;
                }
                field = start == i ? "" : new String(data, start, i - start, StandardCharsets.UTF_8);
            }
            fields.add(field);
            if (i < n && data[i] == ',') {
                i++;
                if (i == n) {
                    fields.add(""); // a trailing comma at the very end of the data
                }
                continue;
            }
            // End of line or of data: the row is complete.
            rows.add(fields.toArray(String[]::new));
            fields.clear();
            if (i < n) {
                i += (data[i] == '\r' && i + 1 < n && data[i + 1] == '\n') ? 2 : 1;
            }
        }
        if (!fields.isEmpty()) {
            rows.add(fields.toArray(String[]::new));
        }
        return rows;
    }
}
