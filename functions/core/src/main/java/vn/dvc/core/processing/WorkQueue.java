package vn.dvc.core.processing;

import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;

/**
 * The port to an agency's work queue: its dossiers by status, earliest due first (an index query, never a scan).
 */
public interface WorkQueue {
    /**
     * @param status    null for every status (grouped by status, then by due date)
     * @param dueBefore ISO instant; only dossiers due strictly before it (null: no bound)
     */
    DossierStore.Page<Dossier> byAgency(String agencyId, DossierStatus status, java.time.Instant dueBefore, int limit,
                                        String cursor);
}
