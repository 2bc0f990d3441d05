package vn.dvc.tests;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small real files for uploads: a minimal valid PDF, JPEG and PNG. */
public final class Files {
    private Files() {}

    public static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] jpeg() {
        byte[] bytes = new byte[256];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        bytes[254] = (byte) 0xFF;
        bytes[255] = (byte) 0xD9;
        return bytes;
    }

    public static byte[] png() {
        byte[] bytes = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 64);
        return bytes;
    }

    public static byte[] of(int size, byte fill) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, fill);
        byte[] pdf = pdf();
        System.arraycopy(pdf, 0, bytes, 0, Math.min(pdf.length, size));
        return bytes;
    }
}
