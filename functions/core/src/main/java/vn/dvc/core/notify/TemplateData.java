package vn.dvc.core.notify;

import java.time.Instant;
import vn.dvc.core.text.LocalizedText;

/**
 * The values a template may use. {@code recipientName} and {@code reason} are typed by people (citizen, official):
 * they are escaped for HTML and flattened for plain text; the rest is ours.
 */
public record TemplateData(String dossierCode, LocalizedText procedureName, Instant at, Instant dueAt, Long feeTotal,
                           LocalizedText reason, String recipientName) {}
