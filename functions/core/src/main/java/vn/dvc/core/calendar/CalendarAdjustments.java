package vn.dvc.core.calendar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import vn.dvc.core.text.LocalizedText;

/**
 * What the Government announces each year on top of Labour Code 2019 Art. 112: the Lunar New Year days and
 * the day adjacent to National Day it chose (Art. 112(3)), and the swaps of working days for the civil
 * service (a weekday off against a make-up Saturday) or extra days off.
 *
 * <p>The bundled list ({@link #bundled()}, resource {@value #RESOURCE}) holds what could be sourced; every
 * entry names its legal basis and how it was checked ({@link Verification}). Deployments add or correct
 * entries without a release with {@link #fromJson(String)} (same format) and {@link #mergedWith}.
 * Immutable and thread-safe.
 */
public final class CalendarAdjustments {
    public static final String RESOURCE = "/data/calendar/adjustments.json";

    private static final CalendarAdjustments NONE = new CalendarAdjustments(Map.of(), Map.of(), Map.of());

    private final java.util.NavigableMap<LocalDate, Adjustment> byDate;
    private final Map<Integer, TetAnnouncement> tetByYear;
    private final Map<Integer, NationalDayAnnouncement> nationalDayByYear;

    private CalendarAdjustments(Map<LocalDate, Adjustment> byDate,
                                Map<Integer, TetAnnouncement> tetByYear,
                                Map<Integer, NationalDayAnnouncement> nationalDayByYear) {
        this.byDate = Collections.unmodifiableNavigableMap(new TreeMap<>(byDate));
        this.tetByYear = Collections.unmodifiableMap(new TreeMap<>(tetByYear));
        this.nationalDayByYear = Collections.unmodifiableMap(new TreeMap<>(nationalDayByYear));
    }

    /** No announcements: the statutory rules alone. */
    public static CalendarAdjustments none() {
        return NONE;
    }

    /** The announcements shipped with the code, parsed on first use. */
    public static CalendarAdjustments bundled() {
        return Bundled.INSTANCE;
    }

    /** Parses announcements in the format of the bundled resource (e.g. from an environment variable or a table). */
    public static CalendarAdjustments fromJson(String json) {
        try (JsonParser parser = Parser.FACTORY.createParser(json)) {
            return fromTree(Parser.read(parser));
        } catch (IOException e) {
            throw new IllegalArgumentException("calendar adjustments are not valid JSON", e);
        }
    }

    static CalendarAdjustments fromJson(InputStream in) {
        try (in; JsonParser parser = Parser.FACTORY.createParser(in)) {
            return fromTree(Parser.read(parser));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * These announcements overridden by {@code overrides}: per date for adjustments, per year for the Tết days and
     * the National Day choice. An override of kind {@link Kind#REGULAR} removes a bundled entry for its date.
     */
    public CalendarAdjustments mergedWith(CalendarAdjustments overrides) {
        Map<LocalDate, Adjustment> dates = new TreeMap<>(byDate);
        overrides.byDate.forEach((date, adjustment) -> {
            if (adjustment.kind() == Kind.REGULAR) {
                dates.remove(date);
            } else {
                dates.put(date, adjustment);
            }
        });
        Map<Integer, TetAnnouncement> tet = new TreeMap<>(tetByYear);
        tet.putAll(overrides.tetByYear);
        Map<Integer, NationalDayAnnouncement> nationalDay = new TreeMap<>(nationalDayByYear);
        nationalDay.putAll(overrides.nationalDayByYear);
        return new CalendarAdjustments(dates, tet, nationalDay);
    }

    public Optional<Adjustment> on(LocalDate date) {
        Adjustment adjustment = byDate.get(date);
        return adjustment == null || adjustment.kind() == Kind.REGULAR ? Optional.empty() : Optional.of(adjustment);
    }

    public List<Adjustment> inYear(int year) {
        List<Adjustment> result = new ArrayList<>();
        for (Adjustment a : byDate.subMap(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)).values()) {
            if (a.kind() != Kind.REGULAR) {
                result.add(a);
            }
        }
        return List.copyOf(result);
    }

    public Optional<TetAnnouncement> tet(int year) {
        return Optional.ofNullable(tetByYear.get(year));
    }

    public Optional<NationalDayAnnouncement> nationalDay(int year) {
        return Optional.ofNullable(nationalDayByYear.get(year));
    }

    /** How a date differs from the weekly and statutory rule. */
    public enum Kind {
        /** Not a working day (swapped away, or an extra day off). */
        DAY_OFF,
        /** A working day although a weekly rest day (make-up day, "làm bù"). */
        WORKING_DAY,
        /** Only in overrides: drop the entry for this date and apply the regular rules. */
        REGULAR
    }

    /** How far an entry was checked; nothing here is invented, but not all of it was read in the official text. */
    public enum Verification {
        /** Read in the official document itself. */
        OFFICIAL_TEXT,
        /** Checked against press reports that quote the official document; the document itself was not read. */
        PRESS_REPORTS,
        /** Not confirmed; kept so it can be reviewed. */
        UNVERIFIED
    }

    /**
     * @param source   the legal basis (document number, date, issuer) as far as known
     * @param evidence where it was checked (addresses of reports), for a reviewer
     */
    public record Adjustment(LocalDate date, Kind kind, LocalizedText reason, String source,
                             Verification verification, List<String> evidence) {
        public Adjustment {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(verification, "verification");
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    /** The five Lunar New Year days the Prime Minister fixed for a year (Art. 112(1)(b) and (3)). */
    public record TetAnnouncement(int year, List<LocalDate> days, String source,
                                  Verification verification, List<String> evidence) {
        public TetAnnouncement {
            days = List.copyOf(days);
            if (days.size() != 5) {
                throw new IllegalArgumentException("Tết " + year + ": Art. 112 gives 5 days, got " + days.size());
            }
            Objects.requireNonNull(verification, "verification");
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    /** The day adjacent to 2 September the Prime Minister fixed for a year (Art. 112(1)(đ) and (3)). */
    public record NationalDayAnnouncement(int year, LocalDate adjacentDay, String source,
                                          Verification verification, List<String> evidence) {
        public NationalDayAnnouncement {
            LocalDate nationalDay = LocalDate.of(year, 9, 2);
            if (!adjacentDay.equals(nationalDay.minusDays(1)) && !adjacentDay.equals(nationalDay.plusDays(1))) {
                throw new IllegalArgumentException("the day adjacent to National Day must be 1 or 3 September: " + adjacentDay);
            }
            Objects.requireNonNull(verification, "verification");
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    private static CalendarAdjustments fromTree(Object root) {
        Map<LocalDate, Adjustment> dates = new TreeMap<>();
        Map<Integer, TetAnnouncement> tet = new TreeMap<>();
        Map<Integer, NationalDayAnnouncement> nationalDay = new TreeMap<>();
        for (Object yearItem : Parser.list(Parser.object(root).get("years"))) {
            Map<String, Object> yearNode = Parser.object(yearItem);
            int year = Parser.requiredInt(yearNode, "year");
            if (yearNode.get("tet") instanceof Map<?, ?>) {
                Map<String, Object> tetNode = Parser.object(yearNode.get("tet"));
                List<LocalDate> days = new ArrayList<>();
                for (Object d : Parser.list(tetNode.get("days"))) {
                    days.add(Parser.date(Parser.string(d)));
                }
                tet.put(year, new TetAnnouncement(year, days, Parser.text(tetNode, "source"),
                        Parser.verification(tetNode), Parser.strings(tetNode.get("evidence"))));
            }
            if (yearNode.get("nationalDayAdjacentDay") instanceof Map<?, ?>) {
                Map<String, Object> ndNode = Parser.object(yearNode.get("nationalDayAdjacentDay"));
                nationalDay.put(year, new NationalDayAnnouncement(year, Parser.date(Parser.text(ndNode, "date")),
                        Parser.text(ndNode, "source"), Parser.verification(ndNode), Parser.strings(ndNode.get("evidence"))));
            }
            for (Object item : Parser.list(yearNode.get("adjustments"))) {
                Map<String, Object> a = Parser.object(item);
                LocalDate date = Parser.date(Parser.text(a, "date"));
                if (date.getYear() != year) {
                    throw new IllegalArgumentException("adjustment " + date + " listed under year " + year);
                }
                String kindName = Parser.text(a, "kind");
                if (kindName == null) {
                    throw new IllegalArgumentException("adjustment " + date + " has no kind");
                }
                Kind kind = Kind.valueOf(kindName);
                Map<String, Object> reason = a.get("reason") instanceof Map<?, ?> ? Parser.object(a.get("reason")) : Map.of();
                LocalizedText text = LocalizedText.of(Objects.requireNonNullElse(Parser.text(reason, "vi"), ""),
                        Objects.requireNonNullElse(Parser.text(reason, "en"), ""));
                Adjustment previous = dates.put(date, new Adjustment(date, kind, text, Parser.text(a, "source"),
                        Parser.verification(a), Parser.strings(a.get("evidence"))));
                if (previous != null) {
                    throw new IllegalArgumentException("two adjustments for " + date);
                }
            }
        }
        return new CalendarAdjustments(dates, tet, nationalDay);
    }

    /**
     * Streaming parse into plain maps and lists: jackson-core only, no ObjectMapper, because loading databind
     * costs hundreds of milliseconds at a Lambda cold start for a file of a few kilobytes.
     */
    private static final class Parser {
        static final JsonFactory FACTORY = new JsonFactory();

        static Object read(JsonParser parser) throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("calendar adjustments are empty");
            }
            Object value = value(parser, 0);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after calendar adjustments");
            }
            return value;
        }

        private static Object value(JsonParser parser, int depth) throws IOException {
            if (depth > 16) {
                throw new IllegalArgumentException("calendar adjustments nested too deeply");
            }
            return switch (parser.currentToken()) {
                case START_OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        map.put(name, value(parser, depth + 1));
                    }
                    yield map;
                }
                case START_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        list.add(value(parser, depth + 1));
                    }
                    yield list;
                }
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getLongValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new IllegalArgumentException("unexpected JSON token " + parser.currentToken());
            };
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object value) {
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new IllegalArgumentException("expected a JSON object in calendar adjustments, got " + value);
        }

        static List<?> list(Object value) {
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list) {
                return list;
            }
            throw new IllegalArgumentException("expected a JSON array in calendar adjustments, got " + value);
        }

        static String string(Object value) {
            return value == null ? null : value.toString();
        }

        static int requiredInt(Map<String, Object> node, String field) {
            if (node.get(field) instanceof Long value && value == value.intValue()) {
                return value.intValue();
            }
            throw new IllegalArgumentException("missing integer '" + field + "' in calendar adjustments");
        }

        static String text(Map<String, Object> node, String field) {
            return string(node.get(field));
        }

        static LocalDate date(String text) {
            if (text == null) {
                throw new IllegalArgumentException("missing date in calendar adjustments");
            }
            // yyyy-MM-dd by hand: DateTimeFormatter's first use costs tens of milliseconds at cold start.
            if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
                throw new IllegalArgumentException("bad date in calendar adjustments (want yyyy-MM-dd): " + text);
            }
            try {
                return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                        Integer.parseInt(text, 8, 10, 10));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw new IllegalArgumentException("bad date in calendar adjustments: " + text, e);
            }
        }

        static Verification verification(Map<String, Object> node) {
            String value = text(node, "verification");
            return value == null ? Verification.UNVERIFIED : Verification.valueOf(value);
        }

        static List<String> strings(Object array) {
            List<String> out = new ArrayList<>();
            for (Object s : list(array)) {
                out.add(string(s));
            }
            return out;
        }
    }

    private static final class Bundled {
        static final CalendarAdjustments INSTANCE = load();

        private static CalendarAdjustments load() {
            InputStream in = CalendarAdjustments.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return fromJson(in);
        }
    }

    @Override
    public String toString() {
        return "CalendarAdjustments[" + byDate.size() + " dates, Tết " + tetByYear.keySet()
                + ", National Day " + nationalDayByYear.keySet() + "]";
    }
}
