package vn.dvc.core.dossier;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to the dossier table. Every write is conditional and atomic: a dossier, its components, its history
 * event and (at creation) its sequence number and idempotency record are written together or not at all.
 */
public interface DossierStore {

    Optional<Dossier> find(String code);

    List<Component> components(String code);

    List<HistoryEvent> history(String code);

    /** The last sequence number issued for an agency on a day (0 if none). */
    long lastSequence(String agencyId, LocalDate day);

    /**
     * Creates a dossier atomically with its components, first history event, the agency's next sequence number
     * (which must be {@code previousSequence + 1}) and the idempotency record.
     *
     * @throws SequenceTakenException       another filing took that number first: read it again and retry
     * @throws IdempotencyKeyUsedException  the idempotency record already exists
     */
    void create(Dossier dossier, List<Component> components, HistoryEvent event, long previousSequence,
                IdempotencyRecord idempotency);

    Optional<IdempotencyRecord> idempotency(String scopedKey);

    /**
     * issue 8: the idempotency records of many keys at once (consistent reads), absent keys left out. The default
     * reads them one by one; the DynamoDB store batches them.
     */
    default java.util.Map<String, IdempotencyRecord> idempotencies(java.util.Collection<String> scopedKeys) {
        java.util.Map<String, IdempotencyRecord> found = new java.util.HashMap<>();
        for (String key : scopedKeys) {
            idempotency(key).ifPresent(r -> found.put(key, r));
        }
        return found;
    }

    /**
     * Applies one change atomically if the dossier is still at {@code expectedVersion}: new status, attribute
     * updates (a null value removes the attribute), component upserts, and one appended history event; the
     * version goes up by one.
     *
     * @throws ConcurrentChangeException the dossier changed meanwhile (read again, decide again)
     */
    void apply(Change change);

    /**
     * {@link #apply(Change)}, and in the same transaction keeps documents in the applicant's data store (once-only
     * reuse): a component is never marked received without its stored copy, nor the other way round. Stored
     * documents are idempotent puts (their id derives from the object key).
     */
    default void apply(Change change, List<vn.dvc.core.documents.StoredDocument> keep) {
        if (!keep.isEmpty()) {
            throw new UnsupportedOperationException("this store keeps no citizen documents");
        }
        apply(change);
    }

    /** The dossiers of one applicant, newest first. */
    Page<Dossier> byApplicant(String applicantKey, int limit, String cursor);

    /** The dossiers an assistant filed on citizens' behalf ({@code submittedBy.id}), newest first. */
    default Page<Dossier> byFiler(String filerId, int limit, String cursor) {
        throw new UnsupportedOperationException("this store has no filer index");
    }

    record Change(String code, long expectedVersion, DossierStatus newStatus, Map<String, Object> setAttributes,
                  List<Component> components, HistoryEvent event) {}

    record Page<T>(List<T> items, String nextCursor) {}

    class ConcurrentChangeException extends RuntimeException {
        public ConcurrentChangeException(String code) {
            super("dossier " + code + " changed concurrently");
        }
    }

    class SequenceTakenException extends RuntimeException {
        public SequenceTakenException() {
            super("sequence number taken");
        }
    }

    class IdempotencyKeyUsedException extends RuntimeException {
        public IdempotencyKeyUsedException() {
            super("idempotency key already used");
        }
    }
}
