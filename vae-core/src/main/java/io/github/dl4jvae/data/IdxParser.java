package io.github.dl4jvae.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates a whole IDX file (idx3 unsigned-byte images or idx1 unsigned-byte labels) into
 * memory.
 *
 * <p>The file may be raw or gzip-compressed; gzip is recognised by its first two bytes ({@code 1f 8b}),
 * never by the file name. The kind of file is recognised by its magic number ({@code 0x00000803} images,
 * {@code 0x00000801} labels). Every size in the header must be at least 1, and the file must hold exactly
 * header + payload bytes (after decompression): a short file, trailing bytes, a corrupt gzip stream or a
 * header that declares more data than can fit in a Java array is an {@link IOException} whose message
 * starts with the file's URI and says what was found and what was expected. Memory is allocated as data
 * actually arrives, so a corrupt header that declares gigabytes costs nothing before the error.
 */
public final class IdxParser {

    private static final Logger LOG = LoggerFactory.getLogger(IdxParser.class);
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int BUFFER_BYTES = 1 << 16;

    private IdxParser() {
    }

    /**
     * Reads an IDX images or labels file, telling them apart by the magic number.
     *
     * @param uri an absolute URI readable with {@code uri.toURL().openStream()} ({@code file:}, {@code jar:}, ...)
     * @return {@link IdxImages} or {@link IdxLabels}
     * @throws IOException if the file cannot be read or its content is not a valid IDX file; the message
     *     names the URI
     * @throws IllegalArgumentException if the URI is not absolute
     */
    public static IdxContent read(URI uri) throws IOException {
        return read(uri, UriOpener.URL);
    }

    /**
     * Reads an idx3 images file.
     *
     * @throws IOException as {@link #read(URI)}, and if the file is a labels file
     */
    public static IdxImages readImages(URI uri) throws IOException {
        IdxContent content = read(uri);
        if (content instanceof IdxImages images) {
            return images;
        }
        throw new IOException(uri + ": is an idx1 labels file (magic " + IdxFormat.hex(IdxFormat.LABELS_MAGIC)
                + "); expected an idx3 images file (magic " + IdxFormat.hex(IdxFormat.IMAGES_MAGIC) + ")");
    }

    /**
     * Reads an idx1 labels file.
     *
     * @throws IOException as {@link #read(URI)}, and if the file is an images file
     */
    public static IdxLabels readLabels(URI uri) throws IOException {
        IdxContent content = read(uri);
        if (content instanceof IdxLabels labels) {
            return labels;
        }
        throw new IOException(uri + ": is an idx3 images file (magic " + IdxFormat.hex(IdxFormat.IMAGES_MAGIC)
                + "); expected an idx1 labels file (magic " + IdxFormat.hex(IdxFormat.LABELS_MAGIC) + ")");
    }

    /** Reads {@code uri} through {@code opener}; see {@link #read(URI)}. */
    static IdxContent read(URI uri, UriOpener opener) throws IOException {
        Objects.requireNonNull(uri, "uri");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("IDX file URI " + uri + " is not absolute; expected e.g. file:/path/x.gz");
        }
        long start = System.nanoTime();
        InputStream raw;
        try {
            raw = opener.open(uri);
        } catch (IOException e) {
            throw new IOException(uri + ": cannot be opened (" + e + ")", e);
        }
        if (raw == null) {
            throw new IOException(uri + ": cannot be opened (no stream)");
        }
        try {
            IdxContent content = parse(uri, raw);
            LOG.debug("Read {} in {} ms", content, (System.nanoTime() - start) / 1_000_000);
            return content;
        } finally {
            try {
                raw.close();
            } catch (IOException e) {
                LOG.debug("Ignoring failure to close {}: {}", uri, e.toString());
            }
        }
    }

    private static IdxContent parse(URI uri, InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
        ByteCounter counter = new ByteCounter(uri, false, buffered);
        boolean gzip = counter.startsWithGzipMagic();
        ByteCounter in = counter;
        if (gzip) {
            try {
                in = new ByteCounter(uri, true, new GZIPInputStream(buffered, BUFFER_BYTES));
            } catch (IOException e) {
                throw counter.corrupt(e, true);
            }
        }
        byte[] magicBytes = in.readUpTo(4);
        if (magicBytes.length < 4) {
            throw new IOException(uri + ": expected an IDX header starting with a 4-byte magic number, found "
                    + magicBytes.length + " bytes" + in.suffix());
        }
        int magic = bigEndian(magicBytes, 0);
        if (magic == IdxFormat.IMAGES_MAGIC) {
            return parseImages(uri, in);
        }
        if (magic == IdxFormat.LABELS_MAGIC) {
            return parseLabels(uri, in);
        }
        throw new IOException(uri + ": magic number " + IdxFormat.hex(magic)
                + " is not that of an IDX unsigned-byte file; expected " + IdxFormat.hex(IdxFormat.IMAGES_MAGIC)
                + " (idx3 images) or " + IdxFormat.hex(IdxFormat.LABELS_MAGIC) + " (idx1 labels)");
    }

    private static IdxImages parseImages(URI uri, ByteCounter in) throws IOException {
        byte[] dims = in.readUpTo(12);
        if (dims.length < 12) {
            throw new IOException(uri + ": expected a 16-byte idx3 header (magic, count, rows, columns), found "
                    + (4 + dims.length) + " bytes" + in.suffix());
        }
        int count = positive(uri, "image count", bigEndian(dims, 0));
        int height = positive(uri, "row count", bigEndian(dims, 4));
        int width = positive(uri, "column count", bigEndian(dims, 8));
        long perImage = (long) height * width;
        long payload = perImage > IdxFormat.MAX_PAYLOAD_BYTES ? Long.MAX_VALUE : perImage * count;
        if (perImage > IdxFormat.MAX_PAYLOAD_BYTES || payload > IdxFormat.MAX_PAYLOAD_BYTES) {
            throw new IOException(uri + ": header declares " + count + " images of " + height + "x" + width
                    + ", more than the " + IdxFormat.MAX_PAYLOAD_BYTES
                    + " pixel bytes an in-memory IDX file can hold (is the header corrupt?)");
        }
        String expectation = "expected " + (IdxFormat.IMAGES_HEADER_BYTES + payload) + " bytes"
                + in.suffix() + " (" + IdxFormat.IMAGES_HEADER_BYTES + "-byte header + " + count + " images of "
                + height + "x" + width + ")";
        byte[] pixels = in.readPayload((int) payload, expectation);
        in.expectEnd(expectation);
        return new IdxImages(uri, count, height, width, pixels);
    }

    private static IdxLabels parseLabels(URI uri, ByteCounter in) throws IOException {
        byte[] dims = in.readUpTo(4);
        if (dims.length < 4) {
            throw new IOException(uri + ": expected an 8-byte idx1 header (magic, count), found "
                    + (4 + dims.length) + " bytes" + in.suffix());
        }
        int count = positive(uri, "label count", bigEndian(dims, 0));
        if (count > IdxFormat.MAX_PAYLOAD_BYTES) {
            throw new IOException(uri + ": header declares " + count + " labels, more than the "
                    + IdxFormat.MAX_PAYLOAD_BYTES + " an in-memory IDX file can hold (is the header corrupt?)");
        }
        String expectation = "expected " + (IdxFormat.LABELS_HEADER_BYTES + (long) count) + " bytes" + in.suffix()
                + " (" + IdxFormat.LABELS_HEADER_BYTES + "-byte header + " + count + " labels)";
        byte[] labels = in.readPayload(count, expectation);
        in.expectEnd(expectation);
        return new IdxLabels(uri, labels);
    }

    private static int positive(URI uri, String what, int value) throws IOException {
        if (value <= 0) {
            throw new IOException(uri + ": " + what + " in the header is " + Integer.toUnsignedString(value)
                    + "; expected 1.." + Integer.MAX_VALUE);
        }
        return value;
    }

    private static int bigEndian(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
                | (b[offset + 3] & 0xFF);
    }

    /** A stream that counts the bytes it delivers and turns read failures into messages naming the file. */
    private static final class ByteCounter {
        private final URI uri;
        private final boolean decompressed;
        private final InputStream in;
        private long position;

        ByteCounter(URI uri, boolean decompressed, InputStream in) {
            this.uri = uri;
            this.decompressed = decompressed;
            this.in = in;
        }

        String suffix() {
            return decompressed ? " after gunzip" : "";
        }

        boolean startsWithGzipMagic() throws IOException {
            in.mark(2);
            byte[] head = readUpTo(2);
            in.reset();
            position = 0;
            return head.length == 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
        }

        /** Reads up to {@code n} bytes; fewer only at the end of the stream. */
        byte[] readUpTo(int n) throws IOException {
            byte[] out = new byte[n];
            int got = fill(out, 0, n);
            return got == n ? out : java.util.Arrays.copyOf(out, got);
        }

        /**
         * Reads exactly {@code n} bytes, allocating as data arrives so that a header declaring more than
         * the stream holds fails without a huge allocation.
         */
        byte[] readPayload(int n, String expectation) throws IOException {
            if (n <= CHUNK_BYTES) {
                byte[] out = new byte[n];
                int got = fill(out, 0, n);
                if (got < n) {
                    throw new IOException(uri + ": " + expectation + ", found " + position);
                }
                return out;
            }
            List<byte[]> chunks = new ArrayList<>();
            int remaining = n;
            while (remaining > 0) {
                byte[] chunk = new byte[Math.min(CHUNK_BYTES, remaining)];
                int got = fill(chunk, 0, chunk.length);
                if (got < chunk.length) {
                    throw new IOException(uri + ": " + expectation + ", found " + position);
                }
                chunks.add(chunk);
                remaining -= chunk.length;
            }
            byte[] out = new byte[n];
            int offset = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, out, offset, chunk.length);
                offset += chunk.length;
            }
            return out;
        }

        /** Fails if any byte follows; counts the trailing bytes for the message. */
        void expectEnd(String expectation) throws IOException {
            long end = position;
            byte[] sink = new byte[8192];
            while (fill(sink, 0, sink.length) == sink.length) {
                // counting trailing bytes
            }
            if (position > end) {
                throw new IOException(uri + ": " + expectation + ", found " + position + " (" + (position - end)
                        + " trailing bytes)");
            }
        }

        private int fill(byte[] buffer, int offset, int length) throws IOException {
            int total = 0;
            while (total < length) {
                int got;
                try {
                    got = in.read(buffer, offset + total, length - total);
                } catch (IOException e) {
                    throw corrupt(e, decompressed);
                }
                if (got < 0) {
                    break;
                }
                total += got;
                position += got;
            }
            return total;
        }

        IOException corrupt(IOException cause, boolean gzip) {
            String what = gzip ? "corrupt or truncated gzip stream after " + position + " decompressed bytes"
                    : "read failed after " + position + " bytes";
            return new IOException(uri + ": " + what + " (" + cause + "); expected a complete "
                    + (gzip ? "gzip-compressed " : "") + "IDX file", cause);
        }
    }
}
