package vn.dvc.core.dossier;

import java.time.Instant;
import vn.dvc.core.text.LocalizedText;

/**
 * One document component of a dossier. {@code objectKey} is the key of the latest upload URL issued (the only file
 * that may satisfy it); keys never contain personal data.
 */
public record Component(
        String code,
        boolean required,
        ComponentState state,
        String objectKey,
        String contentType,
        long maxBytes,
        String sha256,
        Long sizeBytes,
        String substitutedBy,
        LocalizedText reason,
        Instant updatedAt) {

    public Component withState(ComponentState newState, LocalizedText newReason, Instant at) {
        return new Component(code, required, newState, objectKey, contentType, maxBytes, sha256, sizeBytes, substitutedBy,
                newReason, at);
    }

    public Component received(String sha, long size, Instant at) {
        return new Component(code, required, ComponentState.RECEIVED, objectKey, contentType, maxBytes, sha, size,
                substitutedBy, null, at);
    }

    public Component withUpload(String key, String type, Instant at) {
        return new Component(code, required, ComponentState.EXPECTED, key, type, maxBytes, null, null, null, null, at);
    }
}
