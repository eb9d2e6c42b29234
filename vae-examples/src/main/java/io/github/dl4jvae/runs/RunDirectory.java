package io.github.dl4jvae.runs;

import io.github.dl4jvae.model.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of one training run and the names of the files in it: {@value #CONFIG}, {@value #SETTINGS},
 * {@value #METRICS}, the checkpoints that {@link Checkpoints} keeps ({@value #MODEL}, {@value #BEST} with
 * {@code best.json}, {@code checkpoints/epoch-NNNN.zip}) and pictures. {@link #create} refuses a directory that
 * already holds a run unless told to overwrite it; {@link #open} checks that a directory holds one.
 */
public final class RunDirectory {
    /** The model's configuration, {@code VaeConfig} JSON. */
    public static final String CONFIG = "config.json";
    /** The run's other options, {@link RunSettings} JSON. */
    public static final String SETTINGS = "run.json";
    /** A row per epoch, {@link MetricsFile}. */
    public static final String METRICS = "metrics.csv";
    /** The checkpoint written after every epoch: model, optimizer state and provenance ({@link Checkpoints#LATEST}). */
    public static final String MODEL = Checkpoints.LATEST;
    /** The checkpoint with the lowest test negative ELBO so far ({@link Checkpoints#BEST}). */
    public static final String BEST = Checkpoints.BEST;
    /** Files that mark a directory as holding a run. */
    private static final List<String> MARKERS = List.of(MODEL, METRICS, SETTINGS);
    /** Every file a run and the subcommands that read it write; removed by {@code create(dir, true)}. */
    private static final List<String> RUN_FILES = List.of(CONFIG, SETTINGS, METRICS, MODEL, BEST,
            Checkpoints.BEST_RECORD, "samples.png",
            "reconstructions.png", "latent-space.png", "manifold.png", "loss-curves.png", "evaluation.json",
            "interpolations.png", "anomaly-scores.csv", "anomalies.png");

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /**
     * Prepares {@code dir} for a new run, creating it if needed.
     *
     * @param overwrite remove the files of an earlier run there instead of refusing
     * @throws IllegalArgumentException if {@code dir} holds a run and {@code overwrite} is false, or is a file
     */
    public static RunDirectory create(Path dir, boolean overwrite) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output directory " + dir + " is a file; expected a directory");
        }
        if (holdsRun(dir)) {
            if (!overwrite) {
                throw new IllegalArgumentException("output directory " + dir + " already holds a run (model.zip or "
                        + "metrics.csv); choose another --out or pass --force to overwrite it");
            }
            for (String name : RUN_FILES) {
                Files.deleteIfExists(dir.resolve(name));
            }
            deleteCheckpointFolder(dir.resolve(Checkpoints.FOLDER));
        }
        Files.createDirectories(dir);
        return new RunDirectory(dir);
    }

    /**
     * A directory written by an earlier run, to continue or to read.
     *
     * @throws IllegalArgumentException if it does not exist or lacks {@value #MODEL}, {@value #METRICS} or
     *     {@value #SETTINGS}
     */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run directory " + dir + " does not exist; expected a directory "
                    + "written by vae train");
        }
        for (String name : MARKERS) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new IllegalArgumentException("run directory " + dir + " holds no " + name + "; expected a "
                        + "directory written by vae train");
            }
        }
        return new RunDirectory(dir);
    }

    /** Deletes the per-epoch checkpoints of an earlier run and their folder (nothing else that may be there). */
    private static void deleteCheckpointFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.zip(\\.tmp)?"))
                    .toList()) {
                Files.delete(file);
            }
        }
        try (Stream<Path> rest = Files.list(folder)) {
            if (rest.findAny().isEmpty()) {
                Files.delete(folder);
            }
        }
    }

    /** Whether {@code dir} holds {@value #MODEL}, {@value #METRICS} or {@value #SETTINGS}. */
    public static boolean holdsRun(Path dir) {
        return MARKERS.stream().anyMatch(name -> Files.exists(dir.resolve(name)));
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** A file in the directory. */
    public Path file(String name) {
        return path.resolve(name);
    }

    /** {@value #MODEL}. */
    public Path model() {
        return file(MODEL);
    }

    /** {@value #BEST}. */
    public Path best() {
        return file(BEST);
    }

    /** {@value #METRICS}. */
    public Path metrics() {
        return file(METRICS);
    }

    /** {@value #SETTINGS}. */
    public Path settings() {
        return file(SETTINGS);
    }

    /** {@value #CONFIG}. */
    public Path config() {
        return file(CONFIG);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
