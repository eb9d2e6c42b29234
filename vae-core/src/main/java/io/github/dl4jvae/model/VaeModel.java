package io.github.dl4jvae.model;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.execution.FunctionExecutor;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.versions.Versions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Variational Autoencoder (Kingma &amp; Welling 2013) built as a SameDiff graph ({@link VaeGraph}) and trained
 * with Adam on any {@link DataSetIterator} whose features are {@code [n, D]} or {@code [n, C, H, W]} (labels are
 * ignored). All figures are in nats per example; lower negative ELBO is better.
 *
 * <p>A conditional VAE ({@link VaeConfig#conditionClasses()} = C &gt; 0; Sohn, Lee and Yan 2015) models
 * q(z|x, y) and p(x|z, y) for one-hot class labels y {@code [n, C]}: {@code fit}, {@code evaluate} and
 * {@code logLikelihood(iterator, k)} then read the labels of each {@link DataSet} (as {@code VaeData}'s iterators
 * give them), and the methods that take x or z take the labels too ({@code encode(x, labels)},
 * {@code decode(z, labels)}, {@code sample(n, classIndex, seed)}, ...; {@link OneHot} makes labels from class
 * indices). Its figures bound log p(x|y). Calling a conditional model without labels, with labels that are not
 * one-hot {@code [n, C]}, or an unconditional model with labels, is an {@link IllegalArgumentException} saying
 * what was expected.
 *
 * <p>Randomness: weights, the reparameterization noise of every training step, evaluation noise and prior
 * samples all come from {@link VaeConfig#seed()} through addressed streams, so the same seed and data give the
 * same model, and a resumed run draws what an uninterrupted one would. Evaluation methods use a fixed noise
 * sequence per call, so evaluating the same model twice gives the same numbers.
 *
 * <p>Input checks: data of the wrong rank or width, with no rows, of an integer type, or holding NaN or infinity is
 * an {@link IllegalArgumentException} naming the batch (in {@code fit} and {@code evaluate}) and what was expected;
 * floating-point data of another precision (e.g. DOUBLE into a FLOAT model) is converted. A NaN or infinite loss
 * or gradient in training is a {@link TrainingDivergedException} thrown before the update.
 *
 * <p>Threads: the model computes on {@link #threads()} threads, every core by default: {@code fit} splits each
 * minibatch into one shard per thread, and the passes over data ({@code evaluate}, {@code encode(iterator)},
 * {@code logLikelihood}) work on one batch (or one chunk of importance samples) per thread; their figures do not
 * depend on the thread count. The inference methods ({@code encode}, {@code decode}, {@code reconstruct},
 * {@code negativeElbo}, {@code logLikelihood}) may also be called from several threads at once and give what
 * sequential calls give (SameDiff keeps each thread its own {@link FunctionExecutor} of the forward pass; tested with
 * 8 threads). {@code fit} and {@code sample(int)} change the model's state and must not overlap with any other call.
 */
public final class VaeModel implements AutoCloseable {
    private final VaeConfig config;
    private final VaeGraph graph;
    private final NoiseSource noise;
    private final GraphRunner runner;
    private final ElboEvaluator evaluator;
    private final ImportanceSampler importanceSampler;
    private final TrainingLoop training;
    private final PriorSampler prior;
    private final Workers workers;
    private String dataSet = "unspecified";
    private String created;

    private VaeModel(VaeConfig config, int threads) {
        this.config = config;
        this.workers = new Workers(threads);
        this.graph = VaeGraph.build(config);
        this.noise = new NoiseSource(config.seed());
        this.runner = new GraphRunner(config, graph.sameDiff());
        this.evaluator = new ElboEvaluator(config, runner, noise, workers);
        this.importanceSampler = new ImportanceSampler(config, runner, workers);
        this.training = new TrainingLoop(config, graph, runner, noise, evaluator, workers);
        this.prior = new PriorSampler(config, noise, runner);
    }

    /** A new, untrained model with parameters initialised from the configuration's seed. */
    public static VaeModel create(VaeConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null; expected a VaeConfig (see VaeConfig.builder())");
        }
        return new VaeModel(config, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads a model written by {@link #save(Path)}, ready to use or to resume training.
     *
     * @throws IOException naming the file if it is missing, not a model file, truncated, of another format version,
     *     made for another architecture, or corrupt (a checksum mismatch names the entry)
     */
    public static VaeModel load(Path file) throws IOException {
        return ModelArchive.read(file);
    }

    /**
     * Writes config, provenance, parameters, optimizer state, the SameDiff graph and their SHA-256 checksums to one
     * file, atomically: a crash or a full disk during the write leaves an existing file as it was.
     *
     * @throws IOException if the file cannot be written (a full disk says so and names the file)
     */
    public void save(Path file) throws IOException {
        save(file, AtomicFile.standard());
    }

    void save(Path file, AtomicFile files) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("model file is null; expected a path such as model.zip");
        }
        if (created == null) {
            created = Instant.now().toString();
        }
        ModelArchive.write(this, file, files);
    }

    /** The configuration. */
    public VaeConfig config() {
        return config;
    }

    /** The underlying graph; its placeholders and outputs are documented on {@link VaeGraph}. */
    public VaeGraph graph() {
        return graph;
    }

    /** Provenance as it would be saved now. */
    public Provenance provenance() {
        return new Provenance(config.seed(), dataSet, Versions.library(), Versions.nd4j(), Versions.backend(),
                created == null ? "unsaved" : created, training.epochsTrained(), training.iterations(),
                training.threadsTrained());
    }

    /**
     * The threads this model computes on: training splits each minibatch into one shard per thread (of at least 16
     * rows), and inference over a data set evaluates one batch per thread at a time. By default every core the JVM
     * sees ({@code Runtime.availableProcessors()}), also for a loaded model. A fixed seed and thread count give the
     * same weights bit for bit; another count gives weights that differ in rounding (the shard gradients are summed in
     * another grouping), so to resume a run bit for bit set the count it was trained with,
     * {@code provenance().threads()}. Inference results do not depend on it.
     */
    public int threads() {
        return workers.threads();
    }

    /**
     * Sets {@link #threads()} for later calls. While the model computes on several threads, ND4J's own thread counts
     * (per op and BLAS) are set to one, process-wide, and restored after.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public void setThreads(int threads) {
        workers.setThreads(threads);
    }

    /** Records an identifier of the training data (e.g. "fashion-mnist/train") for the provenance. */
    public void describeTrainingData(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("training data id is empty; expected e.g. \"fashion-mnist/train\"");
        }
        this.dataSet = id;
    }

    /** Adds a listener for {@link #fit} progress. */
    public void addListener(TrainingListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        training.addListener(listener);
    }

    /** Epochs trained so far (over the model's life, resumes included). */
    public int epochsTrained() {
        return training.epochsTrained();
    }

    /** Optimizer steps so far. */
    public long iterations() {
        return training.iterations();
    }

    /** Trains for {@code epochs} passes over {@code train}; see {@link #fit(DataSetIterator, int, DataSetIterator)}. */
    public List<EpochResult> fit(DataSetIterator train, int epochs) {
        return fit(train, epochs, null);
    }

    /**
     * Trains for {@code epochs} passes over {@code train}, resetting it before each pass, evaluating
     * {@code validation} (if not null) after each. One Adam step per minibatch on the mean over its examples of
     * reconstruction + beta * KL, with L = {@link VaeConfig#samplesPerExample()} fresh noise samples per example.
     *
     * @throws IllegalArgumentException on a null or empty iterator, epochs &lt; 1, or a bad batch (named)
     * @throws TrainingDivergedException when the loss or a gradient becomes NaN or infinite (parameters and optimizer
     *     state are left as before that step; the message names epoch, iteration and term)
     */
    public List<EpochResult> fit(DataSetIterator train, int epochs, DataSetIterator validation) {
        return training.fit(train, epochs, validation);
    }

    /**
     * q(z|x) (with each batch's labels for a conditional model; an autoencoder's codes) of every example of
     * {@code data}, reset first, in order, {@code [N, latentSize]}, encoded one batch per thread at a time.
     *
     * @throws IllegalArgumentException if {@code data} is null, gives no examples, or holds a bad batch (named)
     */
    public Encoding encode(DataSetIterator data) {
        GraphRunner.rewound(data, "encoding");
        List<Encoding> batches = new ArrayList<>();
        workers.forEachBatch(data, (batch, index) -> encode(batch.getFeatures(), labelsOf(batch)), batches::add);
        GraphRunner.requireExamples(batches.size(), "encoding");
        INDArray means = Nd4j.vstack(batches.stream().map(Encoding::mean).toArray(INDArray[]::new));
        return batches.get(0).deterministic() ? Encoding.ofCode(means) : new Encoding(means,
                Nd4j.vstack(batches.stream().map(Encoding::logVariance).toArray(INDArray[]::new)));
    }

    /** q(z|x) of each example; {@code x} is {@code [n, D]} or {@code [n, C, H, W]}. Unconditional models only. */
    public Encoding encode(INDArray x) {
        return encode(x, null);
    }

    /**
     * q(z|x, y) of each example of a conditional model, or q(z|x) of an unconditional one; for an autoencoder
     * ({@code Objective.Kind.AE}) its deterministic code ({@link Encoding#deterministic()}: a mean, no log-variance).
     *
     * @param x      {@code [n, D]} or {@code [n, C, H, W]}
     * @param labels one-hot {@code [n, conditionClasses]} for a conditional model; null for an unconditional one
     */
    public Encoding encode(INDArray x, INDArray labels) {
        INDArray rows = runner.features(x);
        Map<String, INDArray> inputs = GraphRunner.inputs(VaeGraph.X, rows, runner.condition(labels, rows), null);
        if (config.objective().autoencoder()) {
            return Encoding.ofCode(runner.output(inputs, VaeGraph.MEAN).get(VaeGraph.MEAN));
        }
        Map<String, INDArray> out = runner.output(inputs, VaeGraph.MEAN, VaeGraph.LOG_VARIANCE);
        return new Encoding(out.get(VaeGraph.MEAN), out.get(VaeGraph.LOG_VARIANCE));
    }

    /**
     * The mean of p(x|z) for latent codes {@code z [n, latentSize]}: pixel probabilities or Gaussian means,
     * {@code [n, D]}. Unconditional models only.
     */
    public INDArray decode(INDArray z) {
        return decode(z, null);
    }

    /**
     * The mean of p(x|z, y) of a conditional model (of p(x|z) for an unconditional one), {@code [n, D]}.
     *
     * @param z      latent codes {@code [n, latentSize]}
     * @param labels one-hot {@code [n, conditionClasses]} for a conditional model; null for an unconditional one
     */
    public INDArray decode(INDArray z, INDArray labels) {
        INDArray codes = FeatureChecks.latent(z, config.latentSize(), runner.dataType());
        return runner.output(GraphRunner.inputs(VaeGraph.Z, codes, runner.condition(labels, codes), null),
                VaeGraph.DECODED_MEAN).get(VaeGraph.DECODED_MEAN);
    }

    /**
     * Decodes {@code n} codes drawn from the prior (N(0, I) or the VampPrior); successive calls draw new codes. Unconditional models
     * only: a conditional one samples a class with {@link #sample(int, int, long)}.
     */
    public INDArray sample(int n) {
        return decode(prior.next(n));
    }

    /**
     * Decodes {@code n} codes drawn from the prior with the given seed: the same seed gives the same
     * samples, whatever was drawn before, and the model's own sample sequence ({@link #sample(int)}) is untouched.
     * Unconditional models only: a conditional one samples a class with {@link #sample(int, int, long)}.
     */
    public INDArray sample(int n, long seed) {
        return decode(prior.seeded(n, seed));
    }

    /**
     * Class-conditional samples of a conditional model: decodes {@code n} codes drawn from the prior N(0, I) with
     * the given seed under the label of class {@code classIndex}, {@code [n, D]}. The codes are those of
     * {@link #sample(int, long)} with the same seed, so one seed gives the same codes for every class.
     *
     * @throws IllegalArgumentException for an unconditional model, {@code n < 1}, or a class outside
     *     {@code [0, conditionClasses)}
     */
    public INDArray sample(int n, int classIndex, long seed) {
        INDArray labels = prior.classLabels(n, classIndex);
        return decode(prior.draw(n, seed), labels);
    }

    /** decode(encode(x).mean): the reconstruction at the posterior mean, {@code [n, D]}. Unconditional models only. */
    public INDArray reconstruct(INDArray x) {
        return reconstruct(x, null);
    }

    /**
     * decode(encode(x, y).mean, y): the reconstruction at the posterior mean, {@code [n, D]}.
     *
     * @param labels one-hot {@code [n, conditionClasses]} for a conditional model; null for an unconditional one
     */
    public INDArray reconstruct(INDArray x, INDArray labels) {
        return decode(encode(x, labels).mean(), labels);
    }

    /** Per-example negative ELBO and its terms, with the configured number of samples. Unconditional models only. */
    public ElboTerms negativeElbo(INDArray x) {
        return negativeElbo(x, null);
    }

    /**
     * Per-example negative ELBO and its terms, with the configured number of samples; for a conditional model the
     * bound on -log p(x|y). For an autoencoder ({@code Objective.Kind.AE}) the reconstruction loss
     * -log p(x | z = code), with KL 0 and "negative ELBO" equal to it: not a bound, an autoencoder has none.
     *
     * @param labels one-hot {@code [n, conditionClasses]} for a conditional model; null for an unconditional one
     */
    public ElboTerms negativeElbo(INDArray x, INDArray labels) {
        INDArray rows = runner.features(x);
        return evaluator.negativeElbo(rows, runner.condition(labels, rows), 0);
    }

    /**
     * Means of the per-example negative-ELBO terms over every example of {@code data} (reset first); a conditional
     * model takes each batch's labels as its condition. For an autoencoder, the mean reconstruction loss (see
     * {@link #negativeElbo(INDArray, INDArray)}).
     */
    public Evaluation evaluate(DataSetIterator data) {
        return evaluator.evaluate(data);
    }

    /**
     * Importance-sampled estimate of log p(x) per example (Burda et al. 2015): logsumexp over K samples
     * z_k ~ q(z|x) of log p(x|z_k) + log p(z_k) - log q(z_k|x), minus log K. It is a lower bound on log p(x)
     * that tightens as K grows and equals the ELBO's sampled value at K = 1. The K samples are processed in
     * chunks, so K = 5000 fits in memory. Unconditional models only.
     *
     * @return {@code [n]} in nats (negate it for the NLL)
     * @throws UnsupportedOperationException for a deterministic autoencoder ({@code Objective.Kind.AE}), which has
     *     no density p(x) (every {@code logLikelihood} method refuses it)
     */
    public INDArray logLikelihood(INDArray x, int k) {
        return logLikelihood(x, null, k, config.seed());
    }

    /** As {@link #logLikelihood(INDArray, int)}, with importance samples drawn from {@code seed}. */
    public INDArray logLikelihood(INDArray x, int k, long seed) {
        return logLikelihood(x, null, k, seed);
    }

    /**
     * As {@link #logLikelihood(INDArray, int)} for a conditional model: log p(x|y) with z_k ~ q(z|x, y).
     *
     * @param labels one-hot {@code [n, conditionClasses]} for a conditional model; null for an unconditional one
     */
    public INDArray logLikelihood(INDArray x, INDArray labels, int k) {
        return logLikelihood(x, labels, k, config.seed());
    }

    /** As {@link #logLikelihood(INDArray, INDArray, int)}, with importance samples drawn from {@code seed}. */
    public INDArray logLikelihood(INDArray x, INDArray labels, int k, long seed) {
        return importanceSampler.logLikelihood(x, labels, k, seed);
    }

    /**
     * Mean importance-sampled log p(x) (log p(x|y) for a conditional model, with each batch's labels) over every
     * example of {@code data}, nats per example.
     */
    public double logLikelihood(DataSetIterator data, int k) {
        return importanceSampler.logLikelihood(data, k);
    }

    /**
     * The labels this model takes from {@code batch}: the batch's labels for a conditional model (checked where they
     * are used), null for an unconditional one whatever the batch holds.
     */
    public INDArray labelsOf(DataSet batch) {
        return runner.labelsOf(batch);
    }

    /**
     * Frees the native arrays the model's executors hold: the gradient pass's and those of every thread's inference
     * executor. The parameters stay readable through {@link #graph()}. Training and inference on a closed model throw
     * an {@link IllegalStateException}; closing again does nothing. Must not overlap with another call.
     */
    @Override
    public void close() {
        runner.close();
        workers.close();
    }

    // --- state for ModelArchive ---

    AdamOptimizer optimizer() {
        return training.optimizer();
    }

    void restoreCounters(Provenance provenance, long samples) {
        training.restoreCounters(provenance.iterations(), provenance.epochs(), provenance.threads());
        this.dataSet = provenance.dataSet();
        this.created = provenance.created();
        prior.restoreDrawn(samples);
    }

    long samplesDrawn() {
        return prior.drawn();
    }
}
