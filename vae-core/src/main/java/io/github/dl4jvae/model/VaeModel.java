package io.github.dl4jvae.model;

import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.execution.FunctionExecutor;
import io.github.dl4jvae.execution.GradientPass;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.versions.Versions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Threads: the inference methods ({@code encode}, {@code decode}, {@code reconstruct}, {@code negativeElbo},
 * {@code logLikelihood}) may run from several threads at once and give what sequential calls give (SameDiff keeps
 * each thread its own {@link FunctionExecutor} of the forward pass; tested with 8 threads). {@code fit} and
 * {@code sample(int)} change the model's state and must not overlap with any other call.
 */
public final class VaeModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VaeModel.class);
    /** Upper bound on decoder output values per importance-sampling chunk (K * n * D * m), ~64 MB in float. */
    private static final long IMPORTANCE_CHUNK_VALUES = 1L << 24;

    private final VaeConfig config;
    private final VaeGraph graph;
    private final SameDiff sd;
    private final DataType dataType;
    private final NoiseSource noise;
    private final AdamOptimizer optimizer;
    private final GradientPass gradientPass;
    /** Per thread (inference may run from several), the executor of the forward graph. */
    private final ThreadLocal<FunctionExecutor> inferenceExecutors;
    /**
     * Every inference executor made and still reachable, for {@link #close}; weakly held, so that a finished
     * thread's executor is collected with its thread as before. Guarded by itself, as is {@link #closed}'s setting.
     */
    private final Set<FunctionExecutor> executors = Collections.newSetFromMap(new WeakHashMap<>());
    private volatile boolean closed;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private long iteration;
    private int epochsTrained;
    private long samplesDrawn;
    private String dataSet = "unspecified";
    private String created;

    private VaeModel(VaeConfig config) {
        this.config = config;
        this.graph = VaeGraph.build(config);
        this.sd = graph.sameDiff();
        this.dataType = VaeGraph.dataType(config.precision());
        this.noise = new NoiseSource(config.seed());
        this.optimizer = new AdamOptimizer(sd, graph.parameterNames(), config.learningRate());
        this.gradientPass = new GradientPass(sd);
        this.inferenceExecutors = ThreadLocal.withInitial(this::newInferenceExecutor);
    }

    /** A new, untrained model with parameters initialised from the configuration's seed. */
    public static VaeModel create(VaeConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null; expected a VaeConfig (see VaeConfig.builder())");
        }
        return new VaeModel(config);
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
                created == null ? "unsaved" : created, epochsTrained, iteration);
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
        listeners.add(listener);
    }

    /** Epochs trained so far (over the model's life, resumes included). */
    public int epochsTrained() {
        return epochsTrained;
    }

    /** Optimizer steps so far. */
    public long iterations() {
        return iteration;
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
        requireOpen();
        if (train == null) {
            throw new IllegalArgumentException("training iterator is null; expected a DataSetIterator");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        List<EpochResult> results = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            results.add(trainEpoch(train, validation));
        }
        return results;
    }

    private EpochResult trainEpoch(DataSetIterator train, DataSetIterator validation) {
        int epoch = epochsTrained + 1;
        if (train.resetSupported()) {
            train.reset();
        }
        long start = System.nanoTime();
        double lossSum = 0;
        double reconstructionSum = 0;
        double klSum = 0;
        long examples = 0;
        int batchInEpoch = 0;
        while (train.hasNext()) {
            DataSet batch = train.next();
            batchInEpoch++;
            String what = "training batch " + batchInEpoch + " (epoch " + epoch + ")";
            INDArray x = FeatureChecks.flatten(batch.getFeatures(), config.inputShape(), dataType, what);
            int n = (int) x.size(0);
            double[] terms = step(x, conditionOf(batch, n, what), epoch);
            lossSum += terms[0] * n;
            reconstructionSum += terms[1] * n;
            klSum += terms[2] * n;
            examples += n;
            for (TrainingListener listener : listeners) {
                listener.iterationDone(epoch, iteration - 1, terms[0], n);
            }
        }
        if (examples == 0) {
            throw new IllegalArgumentException("training iterator gave no examples in epoch " + epoch
                    + "; expected at least one non-empty batch");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation validated = validation == null ? null : evaluate(validation);
        epochsTrained = epoch;
        EpochResult result = new EpochResult(epoch, lossSum / examples, reconstructionSum / examples,
                klSum / examples, validated, seconds, examples);
        if (LOG.isInfoEnabled()) {
            LOG.info("epoch {}: loss {} (reconstruction {}, KL {}){} in {} s, {} examples/s", epoch,
                    fmt(result.loss()), fmt(result.reconstruction()), fmt(result.kl()),
                    validated == null ? "" : ", validation negative ELBO " + fmt(validated.negativeElbo()),
                    fmt(seconds), Math.round(result.examplesPerSecond()));
        }
        for (TrainingListener listener : listeners) {
            listener.epochDone(result);
        }
        return result;
    }

    /** One Adam step; returns {loss, mean reconstruction, mean KL} of the batch before the update. */
    private double[] step(INDArray x, INDArray labels, int epoch) {
        long n = x.size(0);
        INDArray eps = NoiseSource.normal(noise.generator(NoiseSource.TRAINING, iteration), dataType,
                config.samplesPerExample(), n, config.latentSize());
        KlSchedule schedule = config.objective().klSchedule();
        graph.setKlWeight(schedule.weight(iteration, config.beta()), schedule.capacity(iteration));
        OutAndGrad result = gradientPass.run(inputs(VaeGraph.X, x, labels, eps),
                List.of(VaeGraph.LOSS, VaeGraph.RECONSTRUCTION, VaeGraph.KL), graph.parameterNames());
        Map<String, INDArray> out = result.getOutputs();
        double loss = out.get(VaeGraph.LOSS).getDouble(0);
        double reconstruction = mean(out.get(VaeGraph.RECONSTRUCTION));
        double kl = mean(out.get(VaeGraph.KL));
        NumericalFaults.checkLoss(epoch, iteration, loss, reconstruction, kl);
        if (!optimizer.step(result.getGradients(), iteration)) {
            throw NumericalFaults.gradientFault(epoch, iteration, loss, reconstruction, kl, orderedGradients(result),
                    graph.decoderParameterNames());
        }
        // The gradients and outputs are the pass's own arrays, reused next step; the noise is freed now rather than
        // when the garbage collector finds it.
        if (eps.closeable()) {
            eps.close();
        }
        iteration++;
        return new double[] {loss, reconstruction, kl};
    }

    /** The mean of a per-example vector, summed in Java: a native reduction costs ~30 us per call. */
    private static double mean(INDArray perExample) {
        double sum = 0;
        for (double value : perExample.toDoubleVector()) {
            sum += value;
        }
        return sum / perExample.length();
    }

    private Map<String, INDArray> orderedGradients(OutAndGrad result) {
        Map<String, INDArray> ordered = new java.util.LinkedHashMap<>();
        for (String name : graph.parameterNames()) {
            ordered.put(name, result.getGradients().get(name));
        }
        return ordered;
    }

    /** q(z|x) of each example; {@code x} is {@code [n, D]} or {@code [n, C, H, W]}. Unconditional models only. */
    public Encoding encode(INDArray x) {
        return encode(x, null);
    }

    /**
     * q(z|x, y) of each example of a conditional model, or q(z|x) of an unconditional one.
     *
     * @param x      {@code [n, D]} or {@code [n, C, H, W]}
     * @param labels one-hot {@code [n, conditionClasses]} for a conditional model; null for an unconditional one
     */
    public Encoding encode(INDArray x, INDArray labels) {
        INDArray rows = features(x);
        Map<String, INDArray> out = output(inputs(VaeGraph.X, rows, condition(labels, rows), null),
                VaeGraph.MEAN, VaeGraph.LOG_VARIANCE);
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
        INDArray codes = FeatureChecks.latent(z, config.latentSize(), dataType);
        return output(inputs(VaeGraph.Z, codes, condition(labels, codes), null), VaeGraph.DECODED_MEAN)
                .get(VaeGraph.DECODED_MEAN);
    }

    /**
     * Decodes {@code n} codes drawn from the prior N(0, I); successive calls draw new codes. Unconditional models
     * only: a conditional one samples a class with {@link #sample(int, int, long)}.
     */
    public INDArray sample(int n) {
        requireUnconditional(n);
        INDArray z = NoiseSource.normal(noise.generator(NoiseSource.PRIOR, samplesDrawn++), dataType, n,
                config.latentSize());
        return decode(z);
    }

    /**
     * Decodes {@code n} codes drawn from the prior N(0, I) with the given seed: the same seed gives the same
     * samples, whatever was drawn before, and the model's own sample sequence ({@link #sample(int)}) is untouched.
     * Unconditional models only: a conditional one samples a class with {@link #sample(int, int, long)}.
     */
    public INDArray sample(int n, long seed) {
        requireUnconditional(n);
        return decode(priorCodes(n, seed));
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
        int classes = config.conditionClasses();
        if (classes == 0) {
            throw new IllegalArgumentException("sampling a class needs a conditional model; this model is "
                    + "unconditional (conditionClasses 0): use sample(n, seed)");
        }
        requireSampleCount(n);
        if (classIndex < 0 || classIndex >= classes) {
            throw new IllegalArgumentException("class index " + classIndex + " is out of range: this model is "
                    + "conditioned on " + classes + " classes, expected 0.." + (classes - 1));
        }
        return decode(priorCodes(n, seed), OneHot.repeat(classIndex, n, classes));
    }

    private INDArray priorCodes(int n, long seed) {
        return NoiseSource.normal(new NoiseSource(seed).generator(NoiseSource.PRIOR, 0), dataType, n,
                config.latentSize());
    }

    private void requireUnconditional(int n) {
        if (config.conditional()) {
            throw new IllegalArgumentException("this model is conditioned on " + config.conditionClasses()
                    + " classes: draw samples of one class with sample(n, classIndex, seed), or decode(z, labels)");
        }
        requireSampleCount(n);
    }

    private static void requireSampleCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
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
     * bound on -log p(x|y).
     *
     * @param labels one-hot {@code [n, conditionClasses]} for a conditional model; null for an unconditional one
     */
    public ElboTerms negativeElbo(INDArray x, INDArray labels) {
        INDArray rows = features(x);
        return negativeElbo(rows, condition(labels, rows), 0);
    }

    private ElboTerms negativeElbo(INDArray rows, INDArray labels, long counter) {
        INDArray eps = NoiseSource.normal(noise.generator(NoiseSource.EVALUATION, counter), dataType,
                config.samplesPerExample(), rows.size(0), config.latentSize());
        Map<String, INDArray> out = output(inputs(VaeGraph.X, rows, labels, eps),
                VaeGraph.RECONSTRUCTION, VaeGraph.KL, VaeGraph.NEGATIVE_ELBO);
        return new ElboTerms(out.get(VaeGraph.RECONSTRUCTION), out.get(VaeGraph.KL), out.get(VaeGraph.NEGATIVE_ELBO));
    }

    /**
     * Means of the per-example negative-ELBO terms over every example of {@code data} (reset first); a conditional
     * model takes each batch's labels as its condition.
     */
    public Evaluation evaluate(DataSetIterator data) {
        if (data == null) {
            throw new IllegalArgumentException("evaluation iterator is null; expected a DataSetIterator");
        }
        if (data.resetSupported()) {
            data.reset();
        }
        double negativeElbo = 0;
        double reconstruction = 0;
        double kl = 0;
        long examples = 0;
        long batchIndex = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            String what = "evaluation batch " + (batchIndex + 1);
            INDArray rows = FeatureChecks.flatten(batch.getFeatures(), config.inputShape(), dataType, what);
            ElboTerms terms = negativeElbo(rows, conditionOf(batch, rows.size(0), what), batchIndex++);
            negativeElbo += terms.negativeElbo().sumNumber().doubleValue();
            reconstruction += terms.reconstruction().sumNumber().doubleValue();
            kl += terms.kl().sumNumber().doubleValue();
            examples += rows.size(0);
        }
        if (examples == 0) {
            throw new IllegalArgumentException("evaluation iterator gave no examples; expected at least one");
        }
        return new Evaluation(negativeElbo / examples, reconstruction / examples, kl / examples, examples);
    }

    /**
     * Importance-sampled estimate of log p(x) per example (Burda et al. 2015): logsumexp over K samples
     * z_k ~ q(z|x) of log p(x|z_k) + log p(z_k) - log q(z_k|x), minus log K. It is a lower bound on log p(x)
     * that tightens as K grows and equals the ELBO's sampled value at K = 1. The K samples are processed in
     * chunks, so K = 5000 fits in memory. Unconditional models only.
     *
     * @return {@code [n]} in nats (negate it for the NLL)
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
        if (k < 1) {
            throw new IllegalArgumentException("number of importance samples K must be >= 1, got " + k);
        }
        INDArray rows = features(x);
        INDArray condition = condition(labels, rows);
        int n = (int) rows.size(0);
        NoiseSource sampler = new NoiseSource(seed);
        long valuesPerSample = (long) n * rows.size(1) * config.likelihood().parametersPerValue();
        int chunk = (int) Math.max(1, Math.min(k, IMPORTANCE_CHUNK_VALUES / valuesPerSample));
        double[] max = new double[n];
        double[] sum = new double[n];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long chunkIndex = 0;
        for (int done = 0; done < k; done += chunk) {
            int samples = Math.min(chunk, k - done);
            INDArray eps = NoiseSource.normal(sampler.generator(NoiseSource.IMPORTANCE, chunkIndex++), dataType,
                    samples, n, config.latentSize());
            double[][] logWeights = output(inputs(VaeGraph.X, rows, condition, eps), VaeGraph.LOG_WEIGHT)
                    .get(VaeGraph.LOG_WEIGHT).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (double[] sampleRow : logWeights) {
                for (int j = 0; j < n; j++) {
                    double w = sampleRow[j];
                    if (w > max[j]) {
                        sum[j] = sum[j] * Math.exp(max[j] - w) + 1;
                        max[j] = w;
                    } else {
                        sum[j] += Math.exp(w - max[j]);
                    }
                }
            }
        }
        double logK = Math.log(k);
        double[] result = new double[n];
        for (int j = 0; j < n; j++) {
            result[j] = max[j] + Math.log(sum[j]) - logK;
        }
        return Nd4j.createFromArray(result);
    }

    /**
     * Mean importance-sampled log p(x) (log p(x|y) for a conditional model, with each batch's labels) over every
     * example of {@code data}, nats per example.
     */
    public double logLikelihood(DataSetIterator data, int k) {
        if (data == null) {
            throw new IllegalArgumentException("data iterator is null; expected a DataSetIterator");
        }
        if (data.resetSupported()) {
            data.reset();
        }
        double total = 0;
        long examples = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray estimate = logLikelihood(batch.getFeatures(), labelsOf(batch), k, config.seed());
            total += estimate.sumNumber().doubleValue();
            examples += estimate.length();
        }
        if (examples == 0) {
            throw new IllegalArgumentException("data iterator gave no examples; expected at least one");
        }
        return total / examples;
    }

    /**
     * The labels this model takes from {@code batch}: the batch's labels for a conditional model (checked where they
     * are used), null for an unconditional one whatever the batch holds.
     */
    public INDArray labelsOf(DataSet batch) {
        return config.conditional() ? batch.getLabels() : null;
    }

    private INDArray features(INDArray x) {
        return FeatureChecks.flatten(x, config.inputShape(), dataType, "features");
    }

    /** The checked labels of a call on {@code rows}; null for an unconditional model. */
    private INDArray condition(INDArray labels, INDArray rows) {
        return FeatureChecks.labels(labels, config.conditionClasses(), rows.size(0), dataType, "");
    }

    /** The checked labels of a batch for a conditional model; null, whatever the batch holds, for an unconditional. */
    private INDArray conditionOf(DataSet batch, long rows, String what) {
        return FeatureChecks.labels(labelsOf(batch), config.conditionClasses(), rows, dataType, what + ": ");
    }

    /** The named outputs of one forward pass, copies the caller owns, run by the calling thread's executor. */
    private Map<String, INDArray> output(Map<String, INDArray> placeholders, String... outputs) {
        requireOpen();
        Map<String, INDArray> copies = new java.util.HashMap<>();
        inferenceExecutors.get().run(placeholders, List.of(outputs)).forEach((name, array) -> copies.put(name,
                array.dup()));
        return copies;
    }

    /** The placeholders: data (or codes) under {@code name}, the labels if any, epsilon if any. */
    private static Map<String, INDArray> inputs(String name, INDArray values, INDArray labels, INDArray eps) {
        Map<String, INDArray> inputs = new java.util.HashMap<>();
        inputs.put(name, values);
        if (labels != null) {
            inputs.put(VaeGraph.LABEL, labels);
        }
        if (eps != null) {
            inputs.put(VaeGraph.EPSILON, eps);
        }
        return inputs;
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    /**
     * Frees the native arrays the model's executors hold: the gradient pass's and those of every thread's inference
     * executor. The parameters stay readable through {@link #graph()}. Training and inference on a closed model throw
     * an {@link IllegalStateException}; closing again does nothing. Must not overlap with another call.
     */
    @Override
    public void close() {
        synchronized (executors) {
            if (closed) {
                return;
            }
            closed = true;
            gradientPass.close();
            new ArrayList<>(executors).forEach(FunctionExecutor::close);
            executors.clear();
        }
    }

    private FunctionExecutor newInferenceExecutor() {
        synchronized (executors) {
            requireOpen();
            FunctionExecutor executor = new FunctionExecutor(sd);
            executors.add(executor);
            return executor;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this VaeModel is closed; expected an open model (create or load another)");
        }
    }

    // --- state for ModelArchive ---

    AdamOptimizer optimizer() {
        return optimizer;
    }

    void restoreCounters(Provenance provenance, long samples) {
        this.iteration = provenance.iterations();
        this.epochsTrained = provenance.epochs();
        this.dataSet = provenance.dataSet();
        this.created = provenance.created();
        this.samplesDrawn = samples;
    }

    long samplesDrawn() {
        return samplesDrawn;
    }
}
