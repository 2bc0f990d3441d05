package vn.dvc.core.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The office sessions of a working day, in Vietnam local time. Default 08:00-12:00 and 13:00-17:00 (an 8-hour
 * day of the 40-hour civil-service week); provinces set their own hours, so this is configuration.
 */
public record OfficeHours(List<Session> sessions) {
    public static final OfficeHours STANDARD = parse("08:00-12:00,13:00-17:00");

    public OfficeHours {
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("office hours need at least one session");
        }
        for (int i = 1; i < sessions.size(); i++) {
            if (sessions.get(i).start().isBefore(sessions.get(i - 1).end())) {
                throw new IllegalArgumentException("office sessions must be in order and not overlap: " + sessions);
            }
        }
    }

    /** Parses "08:00-12:00,13:00-17:00". */
    public static OfficeHours parse(String text) {
        List<Session> sessions = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] bounds = part.trim().split("-");
            if (bounds.length != 2) {
                throw new IllegalArgumentException("office session must look like 08:00-12:00: " + part);
            }
            try {
                sessions.add(new Session(LocalTime.parse(bounds[0].trim()), LocalTime.parse(bounds[1].trim())));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bad office session: " + part, e);
            }
        }
        return new OfficeHours(sessions);
    }

    public LocalTime opening() {
        return sessions.get(0).start();
    }

    public LocalTime closing() {
        return sessions.get(sessions.size() - 1).end();
    }

    /** Minutes of office time in one working day. */
    public long minutesPerDay() {
        return sessions.stream().mapToLong(Session::minutes).sum();
    }

    public record Session(LocalTime start, LocalTime end) {
        public Session {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("office session must end after it starts: " + start + "-" + end);
            }
        }

        long minutes() {
            return java.time.Duration.between(start, end).toMinutes();
        }
    }
}
