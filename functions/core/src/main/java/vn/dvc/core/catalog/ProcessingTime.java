package vn.dvc.core.catalog;

import java.util.Objects;

/**
 * The statutory processing time of a procedure. {@code value} is the statutory MAXIMUM over all cases
 * the record lists (deadlines must hold in the worst case); {@code note} quotes the shorter cases
 * and conditions verbatim. {@code value} is 0 for {@link ProcessingTimeUnit#IMMEDIATE}.
 */
public record ProcessingTime(int value, ProcessingTimeUnit unit, String note) {
    public ProcessingTime {
        Objects.requireNonNull(unit, "unit");
    }
}
