package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFile}: the old content survives any failure during a write, and a full disk says so. */
class AtomicFileTest {
    private final FaultyDisk disk = new FaultyDisk();

    @Test
    void aWriteReplacesTheFileAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/notes.txt");
        AtomicFile.standard().writeString(file, "first");
        AtomicFile.standard().writeString(file, "second, longer");
        assertEquals("second, longer", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("sub/notes.txt.tmp")));
    }

    @Test
    void aFailureMidwayLeavesTheOldFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        AtomicFile.standard().writeString(file, "old content");
        disk.failAfter(5, "Input/output error");
        IOException e = assertThrows(IOException.class, () -> disk.files().writeString(file, "new content, longer"));
        assertEquals("cannot write " + file + ": Input/output error; notes.txt was left as it was before this write",
                e.getMessage());
        assertEquals("old content", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("notes.txt.tmp")), "the partial temporary file is removed");
    }

    @Test
    void aFullDiskSaysSoAndNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        AtomicFile.standard().writeString(file, "previous");
        disk.failAfter(1000, "No space left on device");
        IOException e = assertThrows(IOException.class,
                () -> disk.files().write(file, out -> out.write(new byte[1 << 17])));
        assertEquals("cannot write " + file + ": the disk is full (the device holding " + dir + " has no space left; "
                + "1000 bytes were written before it ran out). model.zip was left as it was before this write; free "
                + "some space and retry", e.getMessage());
        assertEquals("No space left on device", e.getCause().getMessage());
        assertEquals("previous", Files.readString(file));
        assertTrue(AtomicFile.isDiskFull(new IOException("Disk quota exceeded")));
        assertFalse(AtomicFile.isDiskFull(new IOException("Permission denied")));
    }

    @Test
    void aTemporaryFileLeftByACrashIsOverwritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(dir.resolve("run.json.tmp"), "half of a file from a process that was killed");
        AtomicFile.standard().writeString(file, "{}");
        assertEquals("{}", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("run.json.tmp")));
    }

    @Test
    void publishGivesTheTargetTheSourcesBytesAndLaterWritesDoNotLeak(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("epoch-0001.zip");
        Path target = dir.resolve("model.zip");
        AtomicFile.standard().writeString(source, "epoch 1");
        AtomicFile.standard().publish(source, target);
        assertEquals("epoch 1", Files.readString(target));
        AtomicFile.standard().publish(source, target);
        assertEquals("epoch 1", Files.readString(target), "publishing the same file twice is harmless");
        AtomicFile.standard().writeString(target, "epoch 2");
        assertEquals("epoch 1", Files.readString(source), "a write replaces the target, never changes it in place");
        assertFalse(Files.exists(dir.resolve("model.zip.tmp")));
    }
}
