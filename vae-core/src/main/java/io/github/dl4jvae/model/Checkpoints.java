package io.github.dl4jvae.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a training run, kept in one directory and written at the end of every epoch: add it to the
 * model with {@link VaeModel#addListener} (an I/O error then stops {@code fit} with an
 * {@link UncheckedIOException}), or call {@link #save} yourself.
 * <ul>
 *   <li>{@value #LATEST}: the latest checkpoint, what {@link #loadNewest} and a resumed run load;</li>
 *   <li>{@value #FOLDER}{@code /epoch-NNNN.zip}: the checkpoints of the last {@link CheckpointPolicy#keepLast()}
 *       epochs (older ones are deleted);</li>
 *   <li>{@value #BEST} and {@value #BEST_RECORD}: the checkpoint with the lowest validation negative ELBO so far
 *       (lowest training loss when {@code fit} gets no validation data), and its epoch and figure.</li>
 * </ul>
 * The three names of one epoch's checkpoint are hard links to one file where the file system has them.
 *
 * <p>Guarantees: every file is written by {@link AtomicFile} (temporary file, forced to the device, atomic
 * rename) and carries SHA-256 checksums of its entries that loading verifies, so a crash, a kill or a full disk
 * during a write leaves the previous checkpoint in place and loadable, and a damaged file is an error naming it,
 * never a model with wrong weights. A checkpoint holds the weights, Adam's moments, the epoch and iteration
 * counters and the sample counter, with the config and its seed: the noise of every training step is addressed
 * by (seed, iteration), so a model loaded from a checkpoint trains on exactly as the uninterrupted one. Shuffling
 * of the data is the data iterator's: DL4J iterators over an {@code IdxRecordReader} derive each epoch's
 * permutation from their seed and the epoch number, and the caller must advance a fresh iterator past
 * {@link VaeModel#epochsTrained()} epochs (as {@code vae train --resume} does).
 */
public final class Checkpoints implements TrainingListener {
    /** The latest checkpoint. */
    public static final String LATEST = "model.zip";
    /** The best checkpoint. */
    public static final String BEST = "best.zip";
    /** The best checkpoint's epoch, criterion and figure, JSON. */
    public static final String BEST_RECORD = "best.json";
    /** The folder of per-epoch checkpoints. */
    public static final String FOLDER = "checkpoints";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d+)\\.zip");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /**
     * The best checkpoint so far.
     *
     * @param epoch     its epoch
     * @param criterion {@value #VALIDATION} or {@value #TRAINING}
     * @param value     the figure, nats per example, lower is better
     */
    public record Best(int epoch, String criterion, double value) {
        /** The criterion when validation data is given. */
        public static final String VALIDATION = "validation negative ELBO";
        /** The criterion without validation data. */
        public static final String TRAINING = "training loss";
    }

    private final VaeModel model;
    private final Path directory;
    private final CheckpointPolicy policy;
    private final AtomicFile files;
    private Best best;

    Checkpoints(VaeModel model, Path directory, CheckpointPolicy policy, AtomicFile files) {
        if (model == null || directory == null || policy == null) {
            throw new IllegalArgumentException("model, directory and policy are required; got model " + model
                    + ", directory " + directory + ", policy " + policy);
        }
        this.model = model;
        this.directory = directory;
        this.policy = policy;
        this.files = files;
        this.best = readBest(directory, model.epochsTrained()).orElse(null);
    }

    /**
     * Checkpoints of {@code model} in {@code directory}. A {@value #BEST_RECORD} already there (a resumed run) sets
     * the best so far, unless it names an epoch after the model's.
     */
    public static Checkpoints of(VaeModel model, Path directory, CheckpointPolicy policy) {
        return new Checkpoints(model, directory, policy, AtomicFile.standard());
    }

    /** Saves a checkpoint of the epoch just finished; see {@link #save}. */
    @Override
    public void epochDone(EpochResult result) {
        try {
            save(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Writes the model as the checkpoint of {@code result}'s epoch: the epoch file (when {@code keepLast > 0}),
     * {@value #LATEST}, and {@value #BEST} when it is the best so far; then deletes epoch files beyond
     * {@code keepLast}.
     *
     * @throws IOException if a file cannot be written (the message names it, and says so when the disk is full);
     *     the files written before are then unchanged
     */
    public void save(EpochResult result) throws IOException {
        int epoch = result.epoch();
        Path latest = directory.resolve(LATEST);
        Path written = latest;
        if (policy.keepLast() > 0) {
            written = epochFile(epoch);
            model.save(written, files);
            files.publish(written, latest);
        } else {
            model.save(latest, files);
        }
        boolean validated = result.validation() != null;
        Best candidate = new Best(epoch, validated ? Best.VALIDATION : Best.TRAINING,
                validated ? result.validation().negativeElbo() : result.loss());
        if (policy.keepBest() && (best == null || !best.criterion().equals(candidate.criterion())
                || candidate.value() < best.value())) {
            files.publish(written, directory.resolve(BEST));
            files.writeString(directory.resolve(BEST_RECORD), JSON.writeValueAsString(candidate));
            best = candidate;
        }
        prune(epoch);
    }

    /** The best checkpoint so far, if any. */
    public Optional<Best> best() {
        return Optional.ofNullable(best);
    }

    /** The per-epoch checkpoint files in the directory, oldest first. */
    public List<Path> kept() throws IOException {
        return epochFiles(directory);
    }

    /** The file of one epoch's checkpoint: {@value #FOLDER}{@code /epoch-NNNN.zip}. */
    public Path epochFile(int epoch) {
        return directory.resolve(FOLDER).resolve(String.format(Locale.ROOT, "epoch-%04d.zip", epoch));
    }

    /**
     * The newest checkpoint in {@code directory} that loads: {@value #LATEST}, else (when it is missing or fails
     * to load, e.g. a checksum mismatch) the per-epoch checkpoints, newest first. A fallback is logged as a warning.
     *
     * @throws IOException the error of {@value #LATEST} (the others suppressed in it) when none loads, or one
     *     naming the directory when it holds no checkpoint
     */
    public static VaeModel loadNewest(Path directory) throws IOException {
        List<Path> candidates = new ArrayList<>();
        candidates.add(directory.resolve(LATEST));
        List<Path> epochs = new ArrayList<>(epochFiles(directory));
        java.util.Collections.reverse(epochs);
        candidates.addAll(epochs);
        IOException failure = null;
        for (Path candidate : candidates) {
            if (!Files.exists(candidate)) {
                continue;
            }
            try {
                VaeModel model = VaeModel.load(candidate);
                if (failure != null) {
                    LOG.warn("{}; loaded the older checkpoint {} (epoch {}) instead", failure.getMessage(), candidate,
                            model.epochsTrained());
                }
                return model;
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        throw new IOException("no checkpoint in " + directory + "; expected " + LATEST + " or " + FOLDER
                + "/epoch-NNNN.zip written by Checkpoints (vae train)");
    }

    private void prune(int epoch) throws IOException {
        List<Path> all = epochFiles(directory);
        List<Path> keep = all.stream().filter(p -> epochOf(p) <= epoch)
                .sorted(Comparator.comparingInt(Checkpoints::epochOf).reversed()).limit(policy.keepLast()).toList();
        for (Path file : all) {
            if (!keep.contains(file)) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static List<Path> epochFiles(Path directory) throws IOException {
        Path folder = directory.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> EPOCH_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(Checkpoints::epochOf)).toList();
        }
    }

    private static int epochOf(Path file) {
        Matcher m = EPOCH_FILE.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Optional<Best> readBest(Path directory, int epochsTrained) {
        Path record = directory.resolve(BEST_RECORD);
        if (!Files.isRegularFile(record) || !Files.isRegularFile(directory.resolve(BEST))) {
            return Optional.empty();
        }
        try {
            Best saved = JSON.readValue(record.toFile(), Best.class);
            return saved.epoch() <= epochsTrained ? Optional.of(saved) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("{} could not be read ({}); the next epoch's checkpoint becomes the best", record, e.getMessage());
            return Optional.empty();
        }
    }
}
