package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.runs.RunDirectory;
import io.github.dl4jvae.runs.RunSettings;
import io.github.dl4jvae.zoo.VaeZoo;
import io.github.dl4jvae.zoo.ZooEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What a {@code --model} option names, and how to load it: a model file ({@code model.zip} written by {@code train}
 * or {@code VaeModel.save}), a run directory (meaning its {@value RunDirectory#MODEL}), or {@code zoo:NAME}, the
 * weights shipped with a zoo model ({@code vae zoo} lists which have them). The one resolver of every subcommand
 * that reads a model; {@code train --model} takes the {@code zoo:NAME} form as well (for the configuration).
 */
final class ModelReference {
    /** The prefix of a zoo model's name: {@code zoo:NAME}. */
    static final String ZOO_PREFIX = "zoo:";
    /** The option's parameter label in usage and messages. */
    static final String LABEL = "FILE|DIR|zoo:NAME";

    private final String text;
    private final Path path;
    private final String zooName;

    private ModelReference(String text, Path path, String zooName) {
        this.text = text;
        this.path = path;
        this.zooName = zooName;
    }

    /**
     * The reference that {@code text} spells: {@code zoo:NAME} for a zoo model, anything else a path.
     *
     * @throws IllegalArgumentException if {@code text} is empty or {@code zoo:} without a name
     */
    static ModelReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--model is empty; expected a model file, a run directory or zoo:NAME");
        }
        if (text.startsWith(ZOO_PREFIX)) {
            return new ModelReference(text, null, zooName(text));
        }
        return new ModelReference(text, Path.of(text), null);
    }

    /**
     * The zoo model's name in {@code zoo:NAME} (or a bare {@code NAME}, as {@code train --model} also takes).
     *
     * @throws IllegalArgumentException for {@code zoo:} without a name
     */
    static String zooName(String text) {
        String name = text.startsWith(ZOO_PREFIX) ? text.substring(ZOO_PREFIX.length()) : text;
        if (name.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' names no zoo model; expected zoo:NAME, e.g. "
                    + ZOO_PREFIX + withWeights().get(0) + " ('vae zoo' lists the models)");
        }
        return name;
    }

    /** The picocli converter of {@code --model}. */
    static final class Converter implements ITypeConverter<ModelReference> {
        @Override
        public ModelReference convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Whether this names a zoo model's shipped weights rather than a file or run directory. */
    boolean isZoo() {
        return zooName != null;
    }

    /**
     * The model file: the path given, or the {@value RunDirectory#MODEL} of the run directory given.
     *
     * @throws IllegalStateException for a zoo reference, which has no file
     * @throws IllegalArgumentException for a directory without {@value RunDirectory#MODEL}
     */
    Path file() {
        if (isZoo()) {
            throw new IllegalStateException(text + " is a zoo model, not a file");
        }
        if (!Files.isDirectory(path)) {
            return path;
        }
        Path model = path.resolve(RunDirectory.MODEL);
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("directory " + path + " holds no " + RunDirectory.MODEL
                    + "; expected a model file, a run directory written by vae train, or zoo:NAME");
        }
        return model;
    }

    /**
     * Loads the model: from its file, or the zoo model's shipped weights (checked against their SHA-256).
     *
     * @throws IOException naming the file if it is missing, not a model file, or corrupt
     * @throws IllegalArgumentException for a run directory without a model, an unknown zoo model or one without
     *     weights (naming those with weights)
     */
    VaeModel load() throws IOException {
        if (!isZoo()) {
            return VaeModel.load(file());
        }
        ZooEntry entry = zooEntry();
        return VaeZoo.model(entry.name()).pretrainedModel();
    }

    /** The zoo entry named, which must ship weights. */
    private ZooEntry zooEntry() {
        boolean known = VaeZoo.entries().stream().anyMatch(e -> e.name().equals(zooName));
        if (!known) {
            throw new IllegalArgumentException("no zoo model '" + zooName + "'; zoo models with shipped weights: "
                    + names(withWeights()) + " ('vae zoo' lists every model)");
        }
        ZooEntry entry = VaeZoo.entry(zooName);
        if (!entry.hasPretrainedWeights()) {
            throw new IllegalArgumentException("zoo model " + zooName + " ships no weights; zoo models with "
                    + "shipped weights: " + names(withWeights()) + " (or train it: vae train --model " + zooName
                    + ")");
        }
        return entry;
    }

    private static List<String> withWeights() {
        return VaeZoo.entries().stream().filter(ZooEntry::hasPretrainedWeights).map(ZooEntry::name).toList();
    }

    private static String names(List<String> names) {
        return String.join(", ", names.stream().map(name -> ZOO_PREFIX + name).toList());
    }

    /**
     * Where outputs go by default: the directory holding the model file, the run directory itself, or the working
     * directory for a zoo model.
     */
    Path directory() {
        if (isZoo()) {
            return Path.of(".");
        }
        if (Files.isDirectory(path)) {
            return path;
        }
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /**
     * The binarization of the run that wrote the model ({@value RunDirectory#SETTINGS} beside it), else none; none
     * for the zoo's shipped weights, which were trained on grey levels.
     */
    Preprocessing.Binarization binarization() throws IOException {
        if (isZoo()) {
            return Preprocessing.Binarization.NONE;
        }
        Path settings = directory().resolve(RunDirectory.SETTINGS);
        return Files.isRegularFile(settings) ? RunSettings.read(settings).binarization()
                : Preprocessing.Binarization.NONE;
    }

    /** As given on the command line. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelReference r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }
}
