package io.github.dl4jvae.zoo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of zoo models: every model with its metadata and measured figures, read from the JSON file
 * {@value #REGISTRY_RESOURCE} in this package's classpath folder ({@code io/github/dl4jvae/zoo/}). The weights live in
 * the {@value #WEIGHTS_ARTIFACT} artifact ({@value #WEIGHTS_FOLDER}), with their SHA-256 here. Data, not code: adding
 * a model is adding an entry (and, for weights, a file).
 *
 * <p>File format: {@code {"format": "dl4j-vae-zoo", "version": 2, "models": [ZooEntry...]}}, each entry with the
 * fields of {@link ZooEntry} ({@code config} as written by {@code VaeConfig.toJson()}, {@code pretrained} null or
 * a {@link PretrainedWeights} object, {@code familyRun} null or a {@link FamilyRun} object). Unknown or missing
 * fields are errors.
 */
public final class VaeZoo {
    /** The registry's file name. */
    public static final String REGISTRY_RESOURCE = "registry.json";
    /** The artifact that ships the weights files. */
    public static final String WEIGHTS_ARTIFACT = "vae-zoo-weights";
    /** The class path folder of the weights files. */
    public static final String WEIGHTS_FOLDER = "io/github/dl4jvae/zoo/weights/";
    static final String FORMAT = "dl4j-vae-zoo";
    /** The registry version read: 2 moved the weights to {@value #WEIGHTS_ARTIFACT} and added their figures. */
    static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static volatile Map<String, ZooEntry> registry;

    private VaeZoo() {
    }

    /** Every model of the registry, in its order. */
    public static List<ZooEntry> entries() {
        return List.copyOf(registry().values());
    }

    /**
     * The model called {@code name}.
     *
     * @throws IllegalArgumentException naming the known models if there is none
     */
    public static ZooEntry entry(String name) {
        ZooEntry entry = registry().get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no zoo model '" + name + "'; the zoo has " + registry().keySet());
        }
        return entry;
    }

    /** The {@link VaeZooModel} of the model called {@code name}. */
    public static VaeZooModel model(String name) {
        return new VaeZooModel(entry(name));
    }

    private static Map<String, ZooEntry> registry() {
        Map<String, ZooEntry> loaded = registry;
        if (loaded == null) {
            synchronized (VaeZoo.class) {
                loaded = registry;
                if (loaded == null) {
                    try (InputStream in = VaeZoo.class.getResourceAsStream(REGISTRY_RESOURCE)) {
                        if (in == null) {
                            throw new IOException("zoo registry " + resourcePath(REGISTRY_RESOURCE)
                                    + " is not on the classpath; expected it inside the vae-core jar");
                        }
                        loaded = parse(in, resourcePath(REGISTRY_RESOURCE));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    registry = loaded;
                }
            }
        }
        return loaded;
    }

    /**
     * Parses a registry file.
     *
     * @param source the file's name, for messages
     * @throws IOException naming the file and the problem (format, version, an invalid or duplicate entry)
     */
    static Map<String, ZooEntry> parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new IOException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(source + " is not a zoo registry (format \"" + (root == null ? "" :
                    root.path("format").asText()) + "\", expected \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new IOException(source + " has registry version " + root.path("version") + "; this library reads "
                    + VERSION);
        }
        Map<String, ZooEntry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.path("models")) {
            try {
                ZooEntry entry = JSON.treeToValue(node, ZooEntry.class);
                if (entries.put(entry.name(), entry) != null) {
                    problems.add("models[" + index + "]: duplicate name " + entry.name());
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add("models[" + index + "] (" + node.path("name").asText("?") + "): " + firstLine(e));
            }
            index++;
        }
        if (!problems.isEmpty()) {
            throw new IOException(source + " has invalid entries: " + String.join("; ", problems));
        }
        if (entries.isEmpty()) {
            throw new IOException(source + " lists no models");
        }
        return entries;
    }

    private static String firstLine(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause() instanceof IllegalArgumentException) {
            t = t.getCause();
        }
        String message = String.valueOf(t.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static String resourcePath(String file) {
        return VaeZoo.class.getPackageName().replace('.', '/') + "/" + file;
    }
}
