package vn.dvc.core.notify;

import java.util.List;

/** The port to agencies' inboxes. Posting is idempotent on (agency, notice id): a redelivered request posts nothing new. */
public interface AgencyInbox {

    /** @return false when that notice was already posted */
    boolean post(AgencyNotice notice);

    /** An agency's notices, newest first. */
    List<AgencyNotice> recent(String agencyId, int limit);

    /**
     * One page of an agency's notices, newest first ({@code GET /agencies/{id}/notices}); {@code cursor} is the
     * previous page's {@code nextCursor} (null: the first page). A cursor this inbox did not issue (or another
     * agency's) is 400 {@code BAD_CURSOR}.
     */
    default vn.dvc.core.dossier.DossierStore.Page<AgencyNotice> page(String agencyId, int limit, String cursor) {
        throw new UnsupportedOperationException("this inbox does not page");
    }
}
