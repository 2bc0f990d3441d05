package vn.dvc.core.dossier;

/** How a dossier reached us: the citizen's app or portal, a one-stop counter, or a post office (assisted filing). */
public enum Channel {
    ONLINE, COUNTER, POST;

    public boolean isOnline() {
        return this == ONLINE;
    }
}
