package vn.dvc.core.catalog;

import vn.dvc.core.text.LocalizedText;

/**
 * One problem in a procedure document.
 *
 * @param path    JSON-pointer-like path, e.g. {@code components[2].maxBytes}
 * @param code    stable machine code, e.g. {@code COMPONENT_CODE_DUPLICATE}
 * @param message what an operator reads
 */
public record FieldError(String path, String code, LocalizedText message) {}
