package vn.dvc.core.dossier;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dossier code printed on the receipt: {@code <receiving agency code>-<yyMMdd>-<sequence>}, the sequence
 * gap-free per agency and day. Agency codes are {@code [A-Z0-9.]+}, so the code is URL-safe.
 */
public record DossierCode(String agencyId, LocalDate day, long sequence) {
    private static final Pattern FORMAT = Pattern.compile("([A-Z0-9.]{2,40})-(\\d{6})-(\\d{4,7})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    public static DossierCode of(String agencyId, LocalDate day, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        return new DossierCode(agencyId, day, sequence);
    }

    public static Optional<DossierCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(m.group(2), DAY);
            return Optional.of(new DossierCode(m.group(1), day, Long.parseLong(m.group(3))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static boolean isWellFormed(String text) {
        return parse(text).isPresent();
    }

    /** The key of the per-agency, per-day counter. */
    public static String sequenceKey(String agencyId, LocalDate day) {
        return agencyId + "#" + DAY.format(day);
    }

    @Override
    public String toString() {
        return agencyId + "-" + DAY.format(day) + "-" + String.format("%04d", sequence);
    }
}
