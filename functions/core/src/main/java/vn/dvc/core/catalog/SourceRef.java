package vn.dvc.core.catalog;

/**
 * Where a value of a procedure document came from.
 *
 * @param field  the document path the source covers, e.g. {@code feeSchedule} or {@code processingTime}
 * @param source the citation: a national record code, a legal text, or an address
 * @param note   how the value was read, or how sure it is
 */
public record SourceRef(String field, String source, String note) {}
