package vn.dvc.core.catalog;

/** Unit of a statutory processing time. Working days exclude weekends and public holidays. */
public enum ProcessingTimeUnit {
    WORKING_DAYS,
    WORKING_HOURS,
    /** Done on the spot once the documents are complete ("ngay"). */
    IMMEDIATE
}
