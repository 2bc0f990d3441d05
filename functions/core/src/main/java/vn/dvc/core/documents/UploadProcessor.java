package vn.dvc.core.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Component;
import vn.dvc.core.dossier.ComponentState;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.text.LocalizedText;

/**
 * Checks an uploaded file on arrival: its real type (magic bytes) against the declared one, its size against the
 * component's limit, and its SHA-256. A good file marks the component RECEIVED; a bad one is quarantined with a
 * reason the citizen can read. When every declared upload is in, the dossier moves on to VALIDATING in the same
 * write (the stream then starts validation), and an accepted file is kept in the applicant's data store in that same
 * write. Duplicate and out-of-order events change nothing.
 */
public final class UploadProcessor {
    private static final Pattern KEY = Pattern.compile("uploads/([A-Z0-9.]+-\\d{6}-\\d{4,7})/([a-z0-9-]{1,64})/([0-9a-f-]{36})");
    private static final Actor ACTOR = Actor.system("document-processor");

    private final DossierStore store;
    private final DocumentObjects objects;
    private final Clock clock;

    public UploadProcessor(DossierStore store, DocumentObjects objects, Clock clock) {
        this.store = store;
        this.objects = objects;
        this.clock = clock;
    }

    /** What happened to one upload event (for logs and tests). */
    public enum Outcome { RECEIVED, QUARANTINED, DUPLICATE, SUPERSEDED, UNKNOWN_KEY, CLOSED }

    public Outcome process(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return Outcome.UNKNOWN_KEY;
        }
        String code = m.group(1);
        String componentCode = m.group(2);
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Dossier> found = store.find(code);
            if (found.isEmpty()) {
                return Outcome.UNKNOWN_KEY;
            }
            Dossier dossier = found.get();
            List<Component> components = store.components(code);
            Component component = components.stream().filter(c -> c.code().equals(componentCode)).findFirst().orElse(null);
            if (component == null || !key.equals(component.objectKey())) {
                return component == null ? Outcome.UNKNOWN_KEY : Outcome.SUPERSEDED;
            }
            if (component.state() == ComponentState.RECEIVED) {
                return Outcome.DUPLICATE;
            }
            if (component.state() == ComponentState.QUARANTINED) {
                objects.quarantine(key); // finish a move a crash may have interrupted
                return Outcome.DUPLICATE;
            }
            if (!dossier.status().acceptsDocuments()) {
                return Outcome.CLOSED;
            }
            Instant now = clock.instant();
            Component checked = check(component, key, now);
            List<Component> after = new ArrayList<>();
            for (Component c : components) {
                after.add(c.code().equals(componentCode) ? checked : c);
            }
            boolean uploadsComplete = after.stream().filter(c -> c.objectKey() != null).allMatch(c -> c.state().satisfied());
            DossierStatus next = uploadsComplete && (dossier.status() == DossierStatus.RECEIVED
                    || dossier.status() == DossierStatus.NEEDS_SUPPLEMENT) ? DossierStatus.VALIDATING : null;
            String action = checked.state() == ComponentState.RECEIVED ? "DOCUMENT_RECEIVED" : "DOCUMENT_QUARANTINED";
            Map<String, Object> details = checked.state() == ComponentState.RECEIVED
                    ? Map.of("component", componentCode, "sha256", checked.sha256(), "sizeBytes", checked.sizeBytes())
                    : Map.of("component", componentCode);
            HistoryEvent event = new HistoryEvent(now, ACTOR, action, dossier.status(), next == null ? dossier.status() : next,
                    checked.reason(), details);
            // An accepted file joins the applicant's data store in the same write (once-only reuse by later dossiers).
            List<StoredDocument> keep = checked.state() == ComponentState.RECEIVED && dossier.applicantKey() != null
                    ? List.of(new StoredDocument(StoredDocument.idFor(key), dossier.applicantKey(),
                            StoredDocument.typeOf(componentCode), key, checked.sha256(), checked.sizeBytes(),
                            checked.contentType(), code, componentCode, now))
                    : List.of();
            try {
                store.apply(new DossierStore.Change(code, dossier.version(), next, Map.of(), List.of(checked), event), keep);
            } catch (DossierStore.ConcurrentChangeException e) {
                continue;
            }
            if (checked.state() == ComponentState.QUARANTINED) {
                objects.quarantine(key);
                return Outcome.QUARANTINED;
            }
            return Outcome.RECEIVED;
        }
        throw new DossierStore.ConcurrentChangeException(code);
    }

    private Component check(Component component, String key, Instant now) {
        Optional<Long> size = objects.size(key);
        if (size.isEmpty()) {
            return component.withState(ComponentState.QUARANTINED, MISSING, now);
        }
        if (size.get() == 0) {
            return component.withState(ComponentState.QUARANTINED, EMPTY, now);
        }
        if (size.get() > component.maxBytes()) {
            return component.withState(ComponentState.QUARANTINED, LocalizedText.of(
                    "Tệp quá lớn (tối đa " + component.maxBytes() / (1024 * 1024) + " MB).",
                    "The file is too large (at most " + component.maxBytes() / (1024 * 1024) + " MB)."), now);
        }
        try (InputStream in = objects.open(key)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] head = in.readNBytes(FileType.SNIFF_BYTES);
            sha.update(head);
            byte[] buffer = new byte[64 * 1024];
            long total = head.length;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                total += n;
            }
            Optional<FileType> type = FileType.detect(head);
            if (type.isEmpty()) {
                return component.withState(ComponentState.QUARANTINED, LocalizedText.of(
                        "Tệp không phải PDF, JPEG hoặc PNG.", "The file is not a PDF, JPEG or PNG."), now);
            }
            if (!type.get().mediaType().equals(component.contentType())) {
                return component.withState(ComponentState.QUARANTINED, LocalizedText.of(
                        "Nội dung tệp là " + type.get().name() + " nhưng được khai là " + component.contentType() + ".",
                        "The file's content is " + type.get().name() + " but it was declared as " + component.contentType() + "."), now);
            }
            return component.received(HexFormat.of().formatHex(sha.digest()), total, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final LocalizedText MISSING = LocalizedText.of("Không tìm thấy tệp đã tải lên.", "The uploaded file is missing.");
    private static final LocalizedText EMPTY = LocalizedText.of("Tệp rỗng.", "The file is empty.");
}
