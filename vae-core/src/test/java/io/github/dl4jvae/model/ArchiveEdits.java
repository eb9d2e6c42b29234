package io.github.dl4jvae.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Copies a model file with its entries changed, as a damaged or hand-made file would be. */
final class ArchiveEdits {
    private ArchiveEdits() {
    }

    /** The entries of a model file, in order. */
    static Map<String, byte[]> read(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Writes {@code entries} as a zip, in order. */
    static void write(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    /**
     * Copies {@code from} to {@code to} with {@code edit} applied to its entries; with {@code rechecksum} the
     * checksums entry is recomputed afterwards, as a consistent hand-made file would have it.
     */
    static void copy(Path from, Path to, Consumer<Map<String, byte[]>> edit, boolean rechecksum) throws IOException {
        Map<String, byte[]> entries = read(from);
        edit.accept(entries);
        if (rechecksum) {
            entries.remove(ArchiveChecksums.ENTRY);
            byte[] sums = ArchiveChecksums.of(entries, new ObjectMapper()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            entries.put(ArchiveChecksums.ENTRY, sums);
        }
        write(to, entries);
    }

    /** Replaces {@code old} with {@code replacement} in a text entry; fails if {@code old} is absent. */
    static void replaceText(Map<String, byte[]> entries, String name, String old, String replacement) {
        String text = new String(entries.get(name), java.nio.charset.StandardCharsets.UTF_8);
        if (!text.contains(old)) {
            throw new IllegalStateException(name + " does not contain " + old + ": " + text);
        }
        entries.put(name, text.replace(old, replacement).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
