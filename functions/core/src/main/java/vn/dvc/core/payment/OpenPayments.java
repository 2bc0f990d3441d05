package vn.dvc.core.payment;

import java.time.Instant;
import java.util.List;

/** The port the expiry sweep uses: dossiers holding an open payment request whose expiry is before a moment. */
public interface OpenPayments {
    List<String> dossiersWithOpenPaymentsExpiredBefore(Instant moment, int limit);
}
