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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
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
 * {@code optimizer/NAME} (ND4J binary arrays), and {@code graph.sdz}, the SameDiff graph with its weights as
 * written by {@code SameDiff.save} for users of plain SameDiff. Loading rebuilds the graph from the config and
 * restores parameters and optimizer state, so files stay readable while graph internals change.
 * Writing goes to a temporary file in the same directory that is then renamed over the target.
 */
final class ModelArchive {
    static final String FORMAT = "dl4j-vae-model";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelArchive() {
    }

    static void write(VaeModel model, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(out)) {
                putText(zip, "format.json", JSON.writeValueAsString(Map.of("format", FORMAT, "version", VERSION)));
                putText(zip, "config.json", model.config().toJson());
                putText(zip, "provenance.json", JSON.writeValueAsString(model.provenance()));
                putText(zip, "state.json", JSON.writeValueAsString(Map.of("samplesDrawn", model.samplesDrawn())));
                SameDiff sd = model.graph().sameDiff();
                for (String name : model.graph().parameterNames()) {
                    putArray(zip, "parameters/" + name, sd.getVariable(name).getArr());
                }
                for (Map.Entry<String, INDArray> state : model.optimizer().state().entrySet()) {
                    putArray(zip, "optimizer/" + state.getKey(), state.getValue());
                }
                zip.putNextEntry(new ZipEntry("graph.sdz"));
                ByteArrayOutputStream graphBytes = new ByteArrayOutputStream();
                sd.save(graphBytes, false);
                zip.write(graphBytes.toByteArray());
                zip.closeEntry();
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static VaeModel read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("model file is null; expected a path to a file written by VaeModel.save");
        }
        Map<String, byte[]> entries = readEntries(file);
        JsonNode format = parse(file, entries, "format.json");
        if (!FORMAT.equals(format.path("format").asText())) {
            throw new IOException(file + " is not a dl4j-vae model (format \"" + format.path("format").asText()
                    + "\", expected \"" + FORMAT + "\")");
        }
        int version = format.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException(file + " has model format version " + version + "; this library reads version "
                    + VERSION);
        }
        VaeConfig config;
        try {
            config = VaeConfig.fromJson(text(file, entries, "config.json"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": config.json is invalid: " + e.getMessage(), e);
        }
        Provenance provenance = JSON.treeToValue(parse(file, entries, "provenance.json"), Provenance.class);
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
            optimizerState.put(name, array(file, entries, "optimizer/" + name));
        }
        try {
            model.optimizer().restore(optimizerState);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        model.restoreCounters(provenance, samples);
        return model;
    }

    private static Map<String, byte[]> readEntries(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new IOException("model file " + file + " does not exist", e);
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + " is truncated or corrupt (" + e.getMessage() + ")", e);
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

    private static void putText(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void putArray(ZipOutputStream zip, String name, INDArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        DataOutputStream out = new DataOutputStream(zip);
        Nd4j.write(array, out);
        out.flush();
        zip.closeEntry();
    }
}
