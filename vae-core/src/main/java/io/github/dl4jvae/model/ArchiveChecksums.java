package io.github.dl4jvae.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@value #ENTRY} of a model file: the SHA-256 of every other entry's bytes, written last and checked on load,
 * so that a corrupt or altered file is an error naming the entry instead of a model with wrong weights. The zip
 * format's own CRC-32 catches most damage to compressed data; this catches the rest (an entry replaced with
 * another whose CRC is right, a file assembled from two archives, damage the inflater passes).
 */
final class ArchiveChecksums {
    /** The entry's name. */
    static final String ENTRY = "checksums.json";
    private static final String ALGORITHM = "SHA-256";

    private ArchiveChecksums() {
    }

    /** {@code {"algorithm": "SHA-256", "entries": {name: hex digest}}} of the given entries, as JSON. */
    static String of(Map<String, byte[]> entries, ObjectMapper json) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        entries.forEach((name, bytes) -> digests.put(name, sha256(bytes)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("algorithm", ALGORITHM);
        document.put("entries", digests);
        return json.writeValueAsString(document);
    }

    /**
     * Checks every entry of {@code entries} (which includes {@value #ENTRY}) against the digests it records.
     *
     * @throws IOException naming {@code file} and the entry that is missing, unlisted or whose digest differs
     */
    static void verify(Path file, Map<String, byte[]> entries, ObjectMapper json) throws IOException {
        byte[] recorded = entries.get(ENTRY);
        if (recorded == null) {
            throw new IOException(file + " lacks the entry " + ENTRY + ", which every model file of format version "
                    + "2 or later holds; the file is incomplete or was not written by this library");
        }
        JsonNode document;
        try {
            document = json.readTree(recorded);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": " + ENTRY + " is not valid JSON; the file is corrupt", e);
        }
        if (!ALGORITHM.equals(document.path("algorithm").asText())) {
            throw new IOException(file + ": " + ENTRY + " names the algorithm \"" + document.path("algorithm").asText()
                    + "\"; expected \"" + ALGORITHM + "\"");
        }
        JsonNode digests = document.path("entries");
        for (Iterator<Map.Entry<String, JsonNode>> it = digests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> listed = it.next();
            byte[] bytes = entries.get(listed.getKey());
            if (bytes == null) {
                throw new IOException(file + " lacks the entry " + listed.getKey() + " that its " + ENTRY
                        + " lists; the file is incomplete");
            }
            String actual = sha256(bytes);
            String expected = listed.getValue().asText();
            if (!actual.equals(expected)) {
                throw new IOException(file + ": checksum mismatch in entry " + listed.getKey() + ": its SHA-256 is "
                        + actual + " but " + ENTRY + " records " + expected + "; the file is corrupt. Load an "
                        + "earlier checkpoint or a backup copy");
            }
        }
        for (String name : entries.keySet()) {
            if (!name.equals(ENTRY) && !digests.has(name)) {
                throw new IOException(file + " holds the entry " + name + " that its " + ENTRY + " does not list; "
                        + "the file was altered after it was written");
            }
        }
    }

    /** SHA-256 of {@code bytes} as 64 lower-case hex digits. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(ALGORITHM).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }
}
