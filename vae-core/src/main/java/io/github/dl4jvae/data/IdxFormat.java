package io.github.dl4jvae.data;

/**
 * Constants of the IDX file format (LeCun's MNIST format) for the two kinds this package handles.
 *
 * <p>An IDX file is a big-endian header followed by the elements, row-major: a 4-byte magic number
 * {@code 0x0000TTDD} (TT = element type, 0x08 for unsigned byte; DD = number of dimensions), then one
 * 4-byte size per dimension. Images are {@code idx3} (count, rows, columns); labels are {@code idx1}
 * (count).
 */
final class IdxFormat {

    /** Magic number of an idx3 unsigned-byte file: images of {@code count x rows x columns}. */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an idx1 unsigned-byte file: one label per image. */
    static final int LABELS_MAGIC = 0x00000801;
    /** Header bytes of an images file: magic, count, rows, columns. */
    static final int IMAGES_HEADER_BYTES = 16;
    /** Header bytes of a labels file: magic, count. */
    static final int LABELS_HEADER_BYTES = 8;
    /**
     * The most payload bytes an in-memory IDX file may hold: the largest Java array that every JVM
     * allocates ({@code Integer.MAX_VALUE - 8}).
     */
    static final long MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 8L;

    private IdxFormat() {
    }

    /** Returns {@code magic} as the 10-character hexadecimal string used in messages, e.g. {@code 0x00000803}. */
    static String hex(int magic) {
        return String.format("0x%08X", magic);
    }
}
