package io.github.dl4jvae.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one writer of a run directory: an operating-system lock ({@link FileChannel#tryLock()}) on the file
 * {@value #FILE} in the directory, held while a training writes there, with the holder's process id written into
 * the file for the message that refuses a second writer. The operating system releases the lock when the process
 * ends in any way, so a run killed with SIGKILL leaves no lock that blocks the next one; the file itself stays
 * (deleting it on release would let two later writers lock two different files of the same name).
 *
 * <p>A second lock from the same JVM is refused with the same message, before a second channel to the file is
 * opened: the JDK would throw {@link OverlappingFileLockException} there, and worse, closing that second channel
 * drops the process's operating-system lock on the file (POSIX record locks belong to the process and end with
 * any of its descriptors of the file; measured on Linux with JDK 17: another process could then take the lock
 * while the first channel's {@link FileLock} still said valid). The locks this JVM holds are therefore kept in a
 * table by the lock file's real path.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name in the run directory. */
    public static final String FILE = "run.lock";

    /** The lock files this JVM holds, by real path. */
    private static final Set<Path> HELD = new HashSet<>();
    /**
     * Channels that met another channel's lock of this JVM (not taken through this class): never closed, as
     * closing them would drop that lock (see the class comment).
     */
    private static final List<FileChannel> PARKED = new ArrayList<>();

    private final Path directory;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path directory, Path key, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code directory}, creating the directory and the lock file if needed, and writes this
     * process's id into the file. Never waits.
     *
     * @throws IllegalStateException naming the directory and the process that holds its lock, if one does
     * @throws IOException if the directory or the lock file cannot be created or written
     */
    public static RunLock acquire(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("run directory " + directory + " is a file; expected a directory");
        }
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        Path key = directory.toRealPath().resolve(FILE);
        synchronized (HELD) {
            if (HELD.contains(key)) {
                throw inUse(directory, "process " + ProcessHandle.current().pid());
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                PARKED.add(channel);
                throw inUse(directory, "process " + ProcessHandle.current().pid());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw inUse(directory, holder);
            }
            RunLock taken = new RunLock(directory, key, channel, lock);
            try {
                taken.writePid();
            } catch (IOException | RuntimeException e) {
                taken.release();
                throw e;
            }
            HELD.add(key);
            return taken;
        }
    }

    private static IllegalStateException inUse(Path directory, String holder) {
        return new IllegalStateException("run directory " + directory + " is in use by " + holder + " (lock file "
                + directory.resolve(FILE) + "); a run directory has one writer: wait for that process to end or "
                + "choose another directory");
    }

    private void writePid() throws IOException {
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        channel.force(false);
    }

    private void release() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    /** "process PID" from the lock file, or "another process" while the holder has not written its id yet. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("\\d+") ? "process " + text : "another process";
        } catch (IOException e) {
            return "another process";
        }
    }

    /** The directory this lock guards. */
    public Path directory() {
        return directory;
    }

    /** Releases the lock (the file stays, see the class comment). */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (HELD.remove(key)) {
                release();
            }
        }
    }
}
