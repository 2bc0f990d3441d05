package vn.dvc.core.processing;

import java.time.Instant;
import vn.dvc.core.dossier.Actor;

/**
 * The port that records refused attempts on a dossier (an official acting outside their agency). A separate,
 * append-only item next to the dossier: the dossier itself, its version and its history are not touched, so a
 * refused caller can neither change a dossier nor block a legitimate change with a version bump.
 */
public interface AccessAudit {
    void denied(String dossierCode, Actor actor, String action, String reasonCode, Instant at);
}
