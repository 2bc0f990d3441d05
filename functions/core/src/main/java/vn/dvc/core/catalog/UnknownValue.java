package vn.dvc.core.catalog;

/** A field of a procedure document whose value could not be sourced; it is null and this says why. */
public record UnknownValue(String field, String reason) {}
