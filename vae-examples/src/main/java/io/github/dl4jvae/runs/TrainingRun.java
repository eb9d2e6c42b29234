package io.github.dl4jvae.runs;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.DataOrigin;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.IdxRecordReader;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.RecordRange;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.eval.LatentUsageListener;
import io.github.dl4jvae.model.AtomicFile;
import io.github.dl4jvae.model.CheckpointPolicy;
import io.github.dl4jvae.model.Checkpoints;
import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.TrainingListener;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.pictures.EpochMetrics;
import io.github.dl4jvae.pictures.RunPictures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What {@code vae train} does, as a library call: trains a {@link VaeModel} on the training split of an IDX data
 * set (less the validation split held out at its end, when {@link RunSettings#validationExamples()} asks for one),
 * evaluating the validation split, or else the test split, after every epoch (the same images every epoch, binarized
 * once when binarization is dynamic), stopping early when {@link RunSettings#patience()} says so ({@link
 * EarlyStopping}), and keeps a {@link RunDirectory} up to date: after every epoch a row of
 * {@value RunDirectory#METRICS} and the checkpoints of {@link Checkpoints}; at the end the pictures of
 * {@link RunPictures}. Every file is written atomically. A conditional model ({@code VaeConfig.conditionClasses()}
 * equal to the data set's class count) trains and is evaluated on the one-hot class labels that {@link VaeData}'s
 * iterators give with the images.
 *
 * <p>A run continued with {@link #resume} trains exactly as the uninterrupted run would have, also after a kill
 * (tested with SIGKILL in the middle of an epoch): the checkpoint restores weights, Adam state and step counters
 * (the training noise is addressed by seed and step), and the training data iterator is advanced past the epochs
 * already done, so the shuffling permutations and binarization draws are the same.
 *
 * <pre>{@code
 * TrainingRun run = TrainingRun.create(config, RunSettings.of(10, 128, NONE, source), source,
 *         RunDirectory.create(Path.of("runs/mine"), false));
 * TrainingRun.Result result = run.train(List.of());
 * }</pre>
 */
public final class TrainingRun {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingRun.class);
    /** Batch size of the per-epoch evaluation (does not change the figures). */
    private static final int EVALUATION_BATCH = 500;

    private final VaeModel model;
    private final RunSettings settings;
    private final IdxDataSource source;
    private final RunDirectory directory;
    private final int trainingExamples;

    private TrainingRun(VaeModel model, RunSettings settings, IdxDataSource source, RunDirectory directory)
            throws IOException {
        this.model = model;
        this.settings = settings;
        this.source = source;
        this.directory = directory;
        int images = IdxRecordReader.of(source.images(Split.TRAIN), source.labels(Split.TRAIN)).count();
        if (settings.validationExamples() >= images) {
            throw new IllegalArgumentException("--validation " + settings.validationExamples() + " holds out every "
                    + "training image: " + source.id() + " has " + images + "; expected fewer");
        }
        this.trainingExamples = images - settings.validationExamples();
    }

    /** What a run produced. */
    public record Result(VaeModel model, List<EpochResult> epochs, RunDirectory directory, List<Path> pictures) {
    }

    /**
     * A new run: writes {@value RunDirectory#CONFIG}, {@value RunDirectory#SETTINGS} and the metrics header.
     *
     * @throws IOException if the data cannot be read or the directory cannot be written
     * @throws IllegalArgumentException if the model is conditioned on another number of classes than the data has
     */
    public static TrainingRun create(VaeConfig config, RunSettings settings, IdxDataSource source,
                                     RunDirectory directory) throws IOException {
        if (config.conditional() && config.conditionClasses() != source.numClasses()) {
            throw new IllegalArgumentException("the model is conditioned on " + config.conditionClasses() + " classes "
                    + "but the data set " + source.id() + " has " + source.numClasses() + "; expected a model with "
                    + "conditionClasses " + source.numClasses() + " (or 0 for an unconditional one)");
        }
        VaeModel model = VaeModel.create(config);
        model.describeTrainingData(source.id() + "/train");
        TrainingRun run = new TrainingRun(model, settings, source, directory);
        AtomicFile.standard().writeString(directory.config(), config.toJson());
        settings.write(directory.settings());
        MetricsFile.create(directory.metrics(), settings.validationExamples() > 0);
        return run;
    }

    /**
     * Continues the run in {@code directory} from its checkpoint.
     *
     * @param epochs the run's new epoch target, or null to keep the one in {@value RunDirectory#SETTINGS}
     * @param source the data, or null for the data the run was trained on (the embedded subset, the directory
     *               it was given, or Fashion-MNIST as located now)
     * @throws IllegalArgumentException if the run has already reached the target, or {@code source} is another
     *     data set than the run's
     * @throws IOException if the checkpoint or settings cannot be read (the message names the file)
     */
    public static TrainingRun resume(RunDirectory directory, Integer epochs, IdxDataSource source) throws IOException {
        RunSettings saved = RunSettings.read(directory.settings());
        RunSettings settings = epochs == null ? saved : saved.withEpochs(epochs);
        IdxDataSource data = source != null ? source : locate(saved);
        if (!data.id().equals(saved.dataId())) {
            throw new IllegalArgumentException("run " + directory + " was trained on " + saved.dataId() + " ("
                    + saved.dataLocation() + ") but the data given is " + data.id() + " (" + data.location()
                    + "); pass --data or --embedded to name the run's data");
        }
        VaeModel model = Checkpoints.loadNewest(directory.path());
        if (model.epochsTrained() >= settings.epochs()) {
            throw new IllegalArgumentException("run " + directory + " has already trained " + model.epochsTrained()
                    + " epochs (its target is " + settings.epochs() + "); pass --epochs N with N > "
                    + model.epochsTrained() + " to train further");
        }
        List<EpochMetrics> rows = new ArrayList<>(MetricsFile.read(directory.metrics()));
        rows.removeIf(row -> row.epoch() > model.epochsTrained());
        MetricsFile.write(directory.metrics(), rows);
        settings.write(directory.settings());
        return new TrainingRun(model, settings, data, directory);
    }

    private static IdxDataSource locate(RunSettings saved) throws IOException {
        if (saved.dataOrigin() == DataOrigin.EMBEDDED_SUBSET) {
            return FashionMnist.embeddedSubset();
        }
        if (saved.dataOrigin() == DataOrigin.EXPLICIT_DIRECTORY) {
            return FashionMnist.locate(Path.of(saved.dataLocation()));
        }
        return FashionMnist.locate(null);
    }

    /** The model being trained. */
    public VaeModel model() {
        return model;
    }

    /** The run's settings (epoch target, batch size, data). */
    public RunSettings settings() {
        return settings;
    }

    /** The data. */
    public IdxDataSource source() {
        return source;
    }

    /** The run's directory. */
    public RunDirectory directory() {
        return directory;
    }

    /** The first epoch {@link #train} will run, 1-based. */
    public int firstEpoch() {
        return model.epochsTrained() + 1;
    }

    /** Training images per epoch. */
    public int trainingExamples() {
        return trainingExamples;
    }

    /** Optimizer steps per epoch. */
    public int stepsPerEpoch() {
        return (trainingExamples + settings.batchSize() - 1) / settings.batchSize();
    }

    /**
     * Trains from {@link #firstEpoch()} to the settings' epoch target with the default {@link CheckpointPolicy},
     * then writes the pictures; see {@link #train(List, CheckpointPolicy)}.
     */
    public Result train(List<TrainingListener> listeners) throws IOException {
        return train(listeners, CheckpointPolicy.defaults());
    }

    /**
     * Trains from {@link #firstEpoch()} to the settings' epoch target, then writes the pictures. After every epoch
     * the metrics row is added and then the checkpoints are written by {@link Checkpoints} ({@value
     * RunDirectory#MODEL}, {@code checkpoints/epoch-NNNN.zip} for the last {@code keepLast} epochs, {@value
     * RunDirectory#BEST} by test negative ELBO), each file atomically: a run killed at any moment can be resumed
     * from the last checkpoint, and a metrics row written before the kill but after that checkpoint is dropped on
     * resume.
     *
     * @param listeners progress listeners, called after the metrics row and the checkpoints of each epoch
     * @param policy    which checkpoints to keep
     * @throws IOException if data cannot be read or a file cannot be written (the message names the file, and
     *     says so when the disk is full; the checkpoints written before are intact)
     * @throws io.github.dl4jvae.model.TrainingDivergedException when the loss or a gradient becomes NaN or infinite
     */
    public Result train(List<TrainingListener> listeners, CheckpointPolicy policy) throws IOException {
        long seed = model.config().seed();
        Preprocessing preprocessing = settings.preprocessing();
        // Where the uninterrupted run's iterator stood: the same permutations and binarization draws from here on.
        DataSetIterator train = VaeData.iteratorAfter(model.epochsTrained(), source, Split.TRAIN,
                new RecordRange(0, trainingExamples), settings.batchSize(), preprocessing.withShuffle(true), seed);
        DataSetIterator evaluated = inBatches(settings.validationExamples() > 0
                ? VaeData.load(source, Split.TRAIN, new RecordRange(trainingExamples, trainingExamples
                        + settings.validationExamples()), preprocessing, seed + 2)
                : VaeData.load(source, Split.TEST, preprocessing, seed + 1));
        LatentUsageListener usage = new LatentUsageListener(model, evaluated);
        TrainingListener metrics = new TrainingListener() {
            @Override
            public void epochDone(EpochResult result) {
                try {
                    MetricsFile.append(directory.metrics(), EpochMetrics.of(result, usage.last()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
        };
        Checkpoints checkpoints = Checkpoints.of(model, directory.path(), policy);
        EarlyStopping stopping = EarlyStopping.of(settings, model.config(), stepsPerEpoch());
        if (stopping.reached(model.epochsTrained(), checkpoints.best())) {
            throw new IllegalArgumentException("run " + directory + " has " + stopping.reason(model.epochsTrained(),
                    checkpoints.best().orElseThrow()) + "; its best weights are " + Checkpoints.BEST);
        }
        model.addListener(usage);
        model.addListener(metrics);
        model.addListener(checkpoints);
        listeners.forEach(model::addListener);
        List<EpochResult> epochs = new ArrayList<>();
        try {
            // One epoch per call, so that early stopping can end the run between epochs.
            while (model.epochsTrained() < settings.epochs()) {
                epochs.addAll(model.fit(train, 1, evaluated));
                if (stopping.reached(model.epochsTrained(), checkpoints.best())) {
                    LOG.info("{}", stopping.reason(model.epochsTrained(), checkpoints.best().orElseThrow()));
                    break;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Path> pictures = RunPictures.write(model, source, preprocessing, MetricsFile.read(directory.metrics()),
                directory.path());
        return new Result(model, epochs, directory, pictures);
    }

    /**
     * The split evaluated after every epoch (validation or test): loaded once, so that with dynamic binarization every
     * epoch (and a resumed run) sees the same binarized images.
     */
    private static DataSetIterator inBatches(DataSet data) {
        List<DataSet> batches = new ArrayList<>();
        int n = data.numExamples();
        for (int start = 0; start < n; start += EVALUATION_BATCH) {
            int end = Math.min(n, start + EVALUATION_BATCH);
            batches.add(new DataSet(data.getFeatures().get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
                    data.getLabels().get(NDArrayIndex.interval(start, end), NDArrayIndex.all())));
        }
        return new ListDataSetIterator<>(batches, 1);
    }
}
