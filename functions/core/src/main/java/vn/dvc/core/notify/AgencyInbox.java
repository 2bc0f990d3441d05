package vn.dvc.core.notify;

import java.util.List;

/** The port to agencies' inboxes. Posting is idempotent on (agency, notice id): a redelivered request posts nothing new. */
public interface AgencyInbox {

    /** @return false when that notice was already posted */
    boolean post(AgencyNotice notice);

    /** An agency's notices, newest first. */
    List<AgencyNotice> recent(String agencyId, int limit);
}
