package vn.dvc.core.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dvc.core.documents.DocumentObjects;
import vn.dvc.core.documents.FileType;
import vn.dvc.core.documents.StoredDocument;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierCode;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;

/**
 * The signed result (kết quả giải quyết): when the result document of an approved dossier arrives under
 * {@code results/<code>/<uuid>} (the key issued on approval), its SHA-256 is computed, signed with ECDSA P-256
 * through {@link ResultSigner}, and the dossier becomes RESULT_ISSUED with the hash, signature and key id in the
 * same write. Anyone holding the file can check it with {@link #verify}. Duplicate or stale events change nothing.
 */
public final class ResultService {
    private static final Pattern KEY = Pattern.compile("results/([A-Z0-9.]+-\\d{6}-\\d{4,7})/([0-9a-f-]{36})");
    private static final Actor ACTOR = Actor.system("result-signer");
    public static final String RESULT = "result";

    private final DossierStore store;
    private final DocumentObjects objects;
    private final ResultSigner signer;
    private final Clock clock;

    public ResultService(DossierStore store, DocumentObjects objects, ResultSigner signer, Clock clock) {
        this.store = store;
        this.objects = objects;
        this.signer = signer;
        this.clock = clock;
    }

    public static boolean isResultKey(String key) {
        return key != null && key.startsWith("results/");
    }

    public enum Outcome { ISSUED, REJECTED, DUPLICATE, SUPERSEDED, UNKNOWN_KEY, CLOSED }

    public Outcome onArrival(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return Outcome.UNKNOWN_KEY;
        }
        String code = m.group(1);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Dossier> found = store.find(code);
            if (found.isEmpty()) {
                return Outcome.UNKNOWN_KEY;
            }
            Dossier d = found.get();
            Object expected = d.attributes().get("resultKey");
            if (!key.equals(expected)) {
                return Outcome.SUPERSEDED;
            }
            if (d.status() == DossierStatus.RESULT_ISSUED || d.status() == DossierStatus.COMPLETED) {
                return Outcome.DUPLICATE;
            }
            if (d.status() != DossierStatus.APPROVED) {
                return Outcome.CLOSED;
            }
            Instant now = clock.instant();
            Digest digest = digest(key);
            if (digest == null) {
                // Not a PDF (or missing/empty): leave the dossier APPROVED; the official uploads again.
                objects.quarantine(key);
                store.apply(new DossierStore.Change(code, d.version(), null, Map.of(), List.of(),
                        new HistoryEvent(now, ACTOR, "RESULT_REJECTED", d.status(), d.status(), null, Map.of("reason", "NOT_A_PDF"))));
                return Outcome.REJECTED;
            }
            ResultSigner.Signature signature = signer.sign(digest.sha256());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("objectKey", key);
            result.put("sha256", HexFormat.of().formatHex(digest.sha256()));
            result.put("sizeBytes", digest.size());
            result.put("algorithm", signature.algorithm());
            result.put("keyId", signature.keyId());
            result.put("signature", Base64.getEncoder().encodeToString(signature.der()));
            result.put("signedAt", now.toString());
            // The issued result joins the applicant's data store in the same write (once-only reuse, issue 4).
            List<StoredDocument> keep = d.applicantKey() == null ? List.of()
                    : List.of(new StoredDocument(StoredDocument.idFor(key), d.applicantKey(),
                            StoredDocument.RESULT_TYPE_PREFIX + d.procedureCode(), key, (String) result.get("sha256"),
                            digest.size(), "application/pdf", code, RESULT, now));
            try {
                store.apply(new DossierStore.Change(code, d.version(), DossierStatus.RESULT_ISSUED, Map.of(RESULT, result),
                        List.of(), new HistoryEvent(now, ACTOR, "RESULT_ISSUED", d.status(), DossierStatus.RESULT_ISSUED,
                        null, Map.of("sha256", result.get("sha256"), "keyId", signature.keyId(), "sizeBytes", digest.size()))),
                        keep);
                return Outcome.ISSUED;
            } catch (DossierStore.ConcurrentChangeException e) {
                // read again: a duplicate event may have issued it meanwhile
            }
        }
        throw new DossierStore.ConcurrentChangeException(code);
    }

    /** What {@code GET /results/{code}/verify} answers. {@code valid} only when hash AND signature match. */
    public record Verification(String code, boolean valid, String reason, String sha256, String algorithm, String keyId,
                               String signature, String signedAt, String agencyId, String procedureCode) {}

    public Verification verify(String code, String sha256Hex) {
        if (!DossierCode.isWellFormed(code) || sha256Hex == null || !sha256Hex.matches("[0-9a-fA-F]{64}")) {
            throw vn.dvc.core.error.ApiException.badRequest("BAD_VERIFY_REQUEST",
                    "Cần mã hồ sơ hợp lệ và sha256 (64 ký tự hex).", "A valid dossier code and sha256 (64 hex characters) are required.");
        }
        Optional<Dossier> found = store.find(code);
        if (found.isEmpty() || !(found.get().attributes().get(RESULT) instanceof Map<?, ?> result)) {
            return new Verification(code, false, "NO_SIGNED_RESULT", null, null, null, null, null, null, null);
        }
        Dossier d = found.get();
        String stored = (String) result.get("sha256");
        if (!stored.equalsIgnoreCase(sha256Hex)) {
            return new Verification(code, false, "HASH_MISMATCH", null, null, null, null, null, null, null);
        }
        String keyId = (String) result.get("keyId");
        String signature = (String) result.get("signature");
        boolean valid = signer.verify(keyId, HexFormat.of().parseHex(stored.toLowerCase()), Base64.getDecoder().decode(signature));
        return new Verification(code, valid, valid ? "SIGNATURE_VALID" : "SIGNATURE_INVALID", stored,
                (String) result.get("algorithm"), keyId, signature, (String) result.get("signedAt"), d.agencyId(),
                d.procedureCode());
    }

    private record Digest(byte[] sha256, long size) {}

    private Digest digest(String key) {
        Optional<Long> size = objects.size(key);
        if (size.isEmpty() || size.get() == 0 || size.get() > DecisionService.RESULT_MAX_BYTES) {
            return null;
        }
        try (InputStream in = objects.open(key)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] head = in.readNBytes(FileType.SNIFF_BYTES);
            Optional<FileType> type = FileType.detect(head);
            if (type.isEmpty() || !type.get().mediaType().equals(DecisionService.RESULT_CONTENT_TYPE)) {
                return null;
            }
            sha.update(head);
            long total = head.length;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                total += n;
            }
            return new Digest(sha.digest(), total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
