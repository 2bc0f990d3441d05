package vn.dvc.core.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.dvc.core.json.Json;

/**
 * Reads a legacy export one record at a time, never the whole file: CSV (RFC 4180, UTF-8, header row, optional
 * byte-order mark, quoted fields may span lines) or JSON Lines (one object per line). Memory is bounded by the
 * longest record ({@link #MAX_RECORD_CHARS}); a longer record is reported as a bad row and skipped, so one broken
 * quote cannot pull the rest of the file into memory.
 */
public final class LegacyRecordReader implements Iterator<LegacyRecordReader.RawRecord>, AutoCloseable {
    /** Longest record accepted (characters). */
    public static final int MAX_RECORD_CHARS = 64 * 1024;

    public enum Format {
        CSV, JSON_LINES;

        /** The format by file name ({@code .csv}; {@code .jsonl}, {@code .ndjson} or {@code .json}); null if neither. */
        public static Format ofFileName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return CSV;
            }
            if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
                return JSON_LINES;
            }
            return null;
        }
    }

    /**
     * One record: its 1-based row number (data rows for CSV, the header not counted; non-blank lines for JSON
     * Lines), its fields by column name, or the reason it could not be read.
     */
    public record RawRecord(int row, Map<String, String> fields, String malformed) {
        public boolean isMalformed() {
            return malformed != null;
        }
    }

    private final Reader in;
    private final Format format;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private boolean eof;
    private List<String> header;
    private int row;
    private RawRecord next;

    public LegacyRecordReader(Reader in, Format format) {
        this.in = in;
        this.format = format;
        if (format == Format.CSV) {
            skipBom();
            List<String> names = csvRecord();
            if (names == null) {
                throw new IllegalArgumentException("empty file: no header row");
            }
            List<String> cleaned = new ArrayList<>();
            for (String n : names) {
                cleaned.add(n.strip().toLowerCase(Locale.ROOT));
            }
            header = cleaned;
        } else {
            skipBom();
        }
    }

    /** The CSV header (lower case), or null for JSON Lines. */
    public List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        RawRecord r = next;
        next = null;
        return r;
    }

    private RawRecord read() {
        return format == Format.CSV ? readCsv() : readJsonLine();
    }

    // ---- CSV -----------------------------------------------------------------------------------------------

    private RawRecord readCsv() {
        while (true) {
            List<String> values;
            String malformed = null;
            try {
                values = csvRecord();
            } catch (RecordTooLong e) {
                row++;
                return new RawRecord(row, Map.of(), e.getMessage());
            }
            if (values == null) {
                return null;
            }
            if (values.size() == 1 && values.get(0).isBlank()) {
                continue; // blank line
            }
            row++;
            if (values.size() != header.size()) {
                malformed = "expected " + header.size() + " fields, found " + values.size();
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(values.size(), header.size()); i++) {
                fields.put(header.get(i), values.get(i));
            }
            return new RawRecord(row, fields, malformed);
        }
    }

    private static final class RecordTooLong extends RuntimeException {
        RecordTooLong(String message) {
            super(message, null, false, false);
        }
    }

    /** The next CSV record's fields, or null at the end of the input. */
    private List<String> csvRecord() {
        int c = peek();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int total = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            c = read1();
            if (c < 0) {
                if (quoted) {
                    fields.add(field.toString());
                    throw new RecordTooLong("unterminated quoted field at end of file");
                }
                fields.add(field.toString());
                return fields;
            }
            if (++total > MAX_RECORD_CHARS) {
                skipToLineEnd();
                throw new RecordTooLong("record longer than " + MAX_RECORD_CHARS + " characters");
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    if (peek() == '"') {
                        read1();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\r') {
                if (peek() == '\n') {
                    read1();
                }
                fields.add(field.toString());
                return fields;
            } else if (ch == '\n') {
                fields.add(field.toString());
                return fields;
            } else {
                field.append(ch);
            }
        }
    }

    // ---- JSON Lines ----------------------------------------------------------------------------------------

    private RawRecord readJsonLine() {
        while (true) {
            String line;
            String tooLong = null;
            StringBuilder sb = new StringBuilder();
            int c = read1();
            if (c < 0) {
                return null;
            }
            while (c >= 0 && c != '\n') {
                if (sb.length() >= MAX_RECORD_CHARS) {
                    tooLong = "line longer than " + MAX_RECORD_CHARS + " characters";
                    skipToLineEnd();
                    break;
                }
                sb.append((char) c);
                c = read1();
            }
            line = sb.toString().strip();
            if (tooLong == null && line.isEmpty()) {
                continue;
            }
            row++;
            if (tooLong != null) {
                return new RawRecord(row, Map.of(), tooLong);
            }
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                if (node == null || !node.isObject()) {
                    return new RawRecord(row, Map.of(), "not a JSON object");
                }
                Map<String, String> fields = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> fields.put(e.getKey().toLowerCase(Locale.ROOT), flatten(e.getValue())));
                return new RawRecord(row, fields, null);
            } catch (IOException e) {
                return new RawRecord(row, Map.of(), "not valid JSON");
            }
        }
    }

    /** Scalars as text; an array (of documents) joined with '|'; null as absent. */
    private static String flatten(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode item : value) {
                if (!sb.isEmpty()) {
                    sb.append('|');
                }
                if (item.isObject()) {
                    String component = item.path("component").asText("");
                    String location = item.hasNonNull("key") ? item.get("key").asText() : item.path("url").asText("");
                    sb.append(component.isEmpty() ? location : component + "=" + location);
                } else {
                    sb.append(item.asText());
                }
            }
            return sb.toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    // ---- buffer --------------------------------------------------------------------------------------------

    private void skipBom() {
        if (peek() == '\uFEFF') {
            read1();
        }
    }

    private void skipToLineEnd() {
        int c;
        do {
            c = read1();
        } while (c >= 0 && c != '\n');
    }

    private int peek() {
        if (position >= limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private int read1() {
        if (position >= limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                eof = true;
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
