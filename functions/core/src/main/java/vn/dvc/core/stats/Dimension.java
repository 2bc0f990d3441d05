package vn.dvc.core.stats;

/** How the rows of a statistics answer are broken down ({@code by=}). */
public enum Dimension {
    AGENCY, COMMUNE, PROCEDURE, DAY;

    public static Dimension parse(String text) {
        if (text == null) return AGENCY;
        return switch (text) {
            case "agency" -> AGENCY;
            case "commune" -> COMMUNE;
            case "procedure" -> PROCEDURE;
            case "day" -> DAY;
            default -> null;
        };
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
