package vn.dvc.core.fees;

import vn.dvc.core.text.LocalizedText;

/** One step from the national base amount to what is due; {@code amountDelta} is signed whole đồng. */
public record FeeAdjustment(AdjustmentKind kind, long amountDelta, LocalizedText reason, String legalBasis) {}
