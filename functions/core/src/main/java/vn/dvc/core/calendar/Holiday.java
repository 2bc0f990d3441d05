package vn.dvc.core.calendar;

import java.time.LocalDate;
import java.util.Objects;
import vn.dvc.core.text.LocalizedText;

/**
 * One public holiday (ngày nghỉ lễ, tết) of Labour Code 2019 (45/2019/QH14), Art. 112(1).
 * The date may fall on a weekly rest day; the compensating day off is a separate {@link NonWorkingDay}.
 */
public record Holiday(LocalDate date, LocalizedText name) {
    public Holiday {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
    }
}
