package io.github.dl4jvae.model;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a mix: the content
 * goes to {@code NAME.tmp} in the same directory, is flushed and forced to the device
 * ({@link FileChannel#force(boolean)}), and the temporary file is then renamed over {@code NAME} with an atomic
 * move, after which the directory is forced too (where the platform allows it). If writing fails, or the process
 * dies before the rename, {@code NAME} is untouched; a left-over {@code NAME.tmp} is overwritten by the next write.
 *
 * <p>A full disk ({@code ENOSPC}, "No space left on device", or a disk quota) is reported as an {@link IOException}
 * whose message says that the disk is full and names the file.
 */
public final class AtomicFile {
    private static final AtomicFile STANDARD = new AtomicFile(UnaryOperator.identity());
    private static final String TEMPORARY_SUFFIX = ".tmp";

    /** What to write. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}; closing {@code out} only flushes it. */
        void writeTo(OutputStream out) throws IOException;
    }

    private final UnaryOperator<OutputStream> streams;

    /**
     * A writer whose file streams pass through {@code streams} first: the seam through which tests inject faults
     * such as a full disk.
     */
    AtomicFile(UnaryOperator<OutputStream> streams) {
        this.streams = streams;
    }

    /** The writer for real files. */
    public static AtomicFile standard() {
        return STANDARD;
    }

    /**
     * Replaces {@code file} with {@code content} atomically, creating the directory if needed.
     *
     * @throws IOException if it cannot be written (a full disk says so); {@code file} is then unchanged
     */
    public void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temporary = temporary(target);
        long[] written = {0};
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream counting = new FilterOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        written[0]++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        written[0] += len;
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                OutputStream out = new BufferedOutputStream(streams.apply(counting), 1 << 16);
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
        } catch (IOException e) {
            throw explained(e, target, written[0]);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Replaces {@code file} with {@code text} in UTF-8, atomically. */
    public void writeString(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    /**
     * Makes {@code target} hold what {@code source} holds, atomically: a hard link renamed over {@code target}
     * where the file system has them (no copy; files written by this class are never changed in place, so
     * sharing them is safe), else a copy written with {@link #write}.
     *
     * @throws IOException if {@code source} cannot be read or {@code target} cannot be written
     */
    public void publish(Path source, Path target) throws IOException {
        Path to = target.toAbsolutePath();
        Path temporary = temporary(to);
        try {
            Files.deleteIfExists(temporary);
            Files.createLink(temporary, source.toAbsolutePath());
            Files.move(temporary, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(to.getParent());
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.deleteIfExists(temporary);
            write(to, out -> Files.copy(source, out));
        } finally {
            // rename(2) of two links to one file does nothing and leaves the temporary name behind.
            Files.deleteIfExists(temporary);
        }
    }

    /** Whether an I/O error means that the device has no room left. */
    static boolean isDiskFull(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static IOException explained(IOException e, Path target, long written) {
        if (isDiskFull(e)) {
            return new IOException("cannot write " + target + ": the disk is full (the device holding "
                    + target.getParent() + " has no space left; " + written + " bytes were written before it ran out). "
                    + target.getFileName() + " was left as it was before this write; free some space and retry",
                    e);
        }
        return new IOException("cannot write " + target + ": " + e.getMessage() + "; " + target.getFileName()
                + " was left as it was before this write", e);
    }

    private static Path temporary(Path target) {
        return target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
    }

    /** Forces a rename to the device; some platforms cannot open a directory, and then the rename is left to the OS. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on this platform (e.g. Windows); the file itself was forced before the rename.
        }
    }
}
