package io.github.dl4jvae.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dl4jvae.config.VaeConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model file: a zip holding {@code format.json} (format name and version), {@code config.json},
 * {@code provenance.json}, {@code state.json} (sample counter), {@code parameters/NAME} and
 * {@code optimizer/NAME} (ND4J binary arrays), {@code graph.sdz}, the SameDiff graph with its weights as
 * written by {@code SameDiff.save} for users of plain SameDiff, and last {@value ArchiveChecksums#ENTRY}, the
 * SHA-256 of every other entry (format version 2; version 1 files, which lack it, are still read).
 * Loading verifies the checksums, rebuilds the graph from the config and restores parameters and optimizer state,
 * so files stay readable while graph internals change. A weights file ({@link WeightsFile}, {@code "content":
 * "weights"} in {@code format.json}) leaves out the optimizer state and {@code graph.sdz}; a model loaded from it
 * starts Adam afresh. Writing goes through {@link AtomicFile}: a temporary file,
 * forced to the device, renamed over the target.
 */
final class ModelArchive {
    static final String FORMAT = "dl4j-vae-model";
    /** The version written. 2 added {@value ArchiveChecksums#ENTRY}. */
    static final int VERSION = 2;
    /** {@code format.json}'s content of a file with the training state. */
    static final String CHECKPOINT = "checkpoint";
    /** {@code format.json}'s content of a weights file. */
    static final String WEIGHTS = "weights";
    /** The oldest version read. */
    static final int OLDEST_READABLE_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelArchive() {
    }

    static void write(VaeModel model, Path file) throws IOException {
        write(model, file, AtomicFile.standard());
    }

    static void write(VaeModel model, Path file, AtomicFile files) throws IOException {
        write(model, file, files, true);
    }

    /** Writes the model, with its optimizer state and SameDiff graph when {@code trainingState}, else its weights. */
    static void write(VaeModel model, Path file, AtomicFile files, boolean trainingState) throws IOException {
        Map<String, byte[]> entries = entries(model, trainingState);
        byte[] checksums = ArchiveChecksums.of(entries, JSON).getBytes(StandardCharsets.UTF_8);
        files.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    put(zip, entry.getKey(), entry.getValue());
                }
                put(zip, ArchiveChecksums.ENTRY, checksums);
            }
        });
    }

    /** Every entry but the checksums, in the order they are written. */
    private static Map<String, byte[]> entries(VaeModel model, boolean trainingState) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("format.json", utf8(JSON.writeValueAsString(Map.of("format", FORMAT, "version", VERSION,
                "content", trainingState ? CHECKPOINT : WEIGHTS))));
        entries.put("config.json", utf8(model.config().toJson()));
        entries.put("provenance.json", utf8(JSON.writeValueAsString(model.provenance())));
        entries.put("state.json", utf8(JSON.writeValueAsString(Map.of("samplesDrawn", model.samplesDrawn()))));
        SameDiff sd = model.graph().sameDiff();
        for (String name : model.graph().parameterNames()) {
            entries.put("parameters/" + name, bytes(sd.getVariable(name).getArr()));
        }
        if (!trainingState) {
            return entries;
        }
        for (Map.Entry<String, INDArray> state : model.optimizer().state().entrySet()) {
            entries.put("optimizer/" + state.getKey(), bytes(state.getValue()));
        }
        ByteArrayOutputStream graphBytes = new ByteArrayOutputStream();
        sd.save(graphBytes, false);
        entries.put("graph.sdz", graphBytes.toByteArray());
        return entries;
    }

    static VaeModel read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("model file is null; expected a path to a file written by VaeModel.save");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (NoSuchFileException e) {
            throw new IOException("model file " + file + " does not exist", e);
        }
    }

    /** Reads a model file from {@code in}; {@code file} names it in messages. */
    static VaeModel read(InputStream in, Path file) throws IOException {
        Map<String, byte[]> entries = readEntries(in, file);
        JsonNode format = parse(file, entries, "format.json");
        if (!FORMAT.equals(format.path("format").asText())) {
            throw new IOException(file + " is not a dl4j-vae model (format \"" + format.path("format").asText()
                    + "\", expected \"" + FORMAT + "\")");
        }
        int version = format.path("version").asInt(-1);
        if (version < OLDEST_READABLE_VERSION || version > VERSION) {
            throw new IOException(file + " has model format version " + version + "; this library reads versions "
                    + OLDEST_READABLE_VERSION + " to " + VERSION);
        }
        if (version >= 2) {
            ArchiveChecksums.verify(file, entries, JSON);
        }
        boolean weightsOnly = WEIGHTS.equals(format.path("content").asText(CHECKPOINT));
        VaeConfig config;
        try {
            config = VaeConfig.fromJson(text(file, entries, "config.json"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": config.json is invalid: " + e.getMessage(), e);
        }
        Provenance provenance;
        try {
            provenance = JSON.treeToValue(parse(file, entries, "provenance.json"), Provenance.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": provenance.json is invalid: " + e.getOriginalMessage(), e);
        }
        long samples = parse(file, entries, "state.json").path("samplesDrawn").asLong(0);
        VaeModel model = VaeModel.create(config);
        SameDiff sd = model.graph().sameDiff();
        Map<String, INDArray> optimizerState = new HashMap<>();
        for (String name : model.graph().parameterNames()) {
            INDArray current = sd.getVariable(name).getArr();
            INDArray saved = array(file, entries, "parameters/" + name);
            if (!Arrays.equals(current.shape(), saved.shape())) {
                throw new IOException(file + ": parameter " + name + " has shape " + Arrays.toString(saved.shape())
                        + " but the configuration's architecture needs " + Arrays.toString(current.shape()));
            }
            current.assign(saved);
            if (!weightsOnly) {
                optimizerState.put(name, array(file, entries, "optimizer/" + name));
            }
        }
        try {
            if (!weightsOnly) {
                model.optimizer().restore(optimizerState);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        model.restoreCounters(provenance, samples);
        return model;
    }

    private static Map<String, byte[]> readEntries(InputStream in, Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entries.put(entry.getName(), zip.readAllBytes()) != null) {
                    throw new IOException(file + " holds the entry " + entry.getName() + " twice; it is not a file "
                            + "written by this library");
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + " is truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            // java.util.zip reports an entry name that is not valid UTF-8 (a damaged header) this way.
            throw new IOException(file + " is corrupt: an entry name is not valid UTF-8 (" + e.getMessage() + ")", e);
        }
        if (entries.isEmpty()) {
            throw new IOException(file + " is not a dl4j-vae model file: it is not a zip archive or it is empty");
        }
        return entries;
    }

    private static String text(Path file, Map<String, byte[]> entries, String name) throws IOException {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IOException(file + " lacks the entry " + name + "; it is not a complete dl4j-vae model file");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(Path file, Map<String, byte[]> entries, String name) throws IOException {
        try {
            return JSON.readTree(text(file, entries, name));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": " + name + " is not valid JSON", e);
        }
    }

    private static INDArray array(Path file, Map<String, byte[]> entries, String name) throws IOException {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IOException(file + " lacks the entry " + name + "; it was written for another architecture "
                    + "or is incomplete");
        }
        try {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (RuntimeException e) {
            throw new IOException(file + ": array " + name + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(INDArray array) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(array, out);
        }
        return bytes.toByteArray();
    }
}
