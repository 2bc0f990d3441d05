package vn.dvc.core.documents;

import java.util.Optional;

/** Identifies a file by its content (magic bytes), never by its name or declared type. */
public enum FileType {
    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});

    /** How many leading bytes {@link #detect} needs. */
    public static final int SNIFF_BYTES = 8;

    private final String mediaType;
    private final byte[] magic;

    FileType(String mediaType, byte[] magic) {
        this.mediaType = mediaType;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<FileType> detect(byte[] head) {
        for (FileType type : values()) {
            if (head.length >= type.magic.length) {
                boolean match = true;
                for (int i = 0; i < type.magic.length && match; i++) {
                    match = head[i] == type.magic[i];
                }
                if (match) {
                    return Optional.of(type);
                }
            }
        }
        return Optional.empty();
    }
}
