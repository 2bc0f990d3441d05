package vn.dvc.core.documents;

import java.io.InputStream;
import java.util.Optional;

/** The port to the document bucket, as the upload processor needs it. */
public interface DocumentObjects {
    /** Size of the object, or empty when it is not there (already moved, or never uploaded). */
    Optional<Long> size(String key);

    InputStream open(String key);

    /** Moves an object under {@code quarantine/}; safe to repeat. */
    void quarantine(String key);
}
