package vn.dvc.core.documents;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The port to the citizen's electronic data store (reads). Documents are written by the upload processor in the
 * same transaction that marks their component received ({@code DossierStore.apply(change, keep)}).
 */
public interface CitizenDocuments {

    /** The citizen's stored documents, newest first. */
    List<StoredDocument> list(String applicantKey, int limit);

    /** The citizen's documents with these ids (ids the citizen does not hold are absent from the map). */
    Map<String, StoredDocument> find(String applicantKey, Collection<String> ids);
}
