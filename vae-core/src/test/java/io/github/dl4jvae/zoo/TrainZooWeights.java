package io.github.dl4jvae.zoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.DataOrigin;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.FeaturesAsLabelsIterator;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.layers.ParameterTransfer;
import io.github.dl4jvae.layers.ReparameterizationVertex;
import io.github.dl4jvae.model.Evaluation;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.versions.Versions;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reproduces the embedded weights of a zoo model: trains its DL4J network (this project's layers, {@code fit} on a
 * DataVec-backed iterator) on the full Fashion-MNIST training split, measures it, writes the {@code ModelSerializer}
 * file (float32, no updater state) and prints the registry's {@code pretrained} block, SHA-256 included.
 *
 * <p>From the repository root (Fashion-MNIST found as {@code FashionMnist.locate(null)} does: Debian's
 * {@code /usr/share/datasets/fashion-mnist/} or {@code $VAE_FASHION_MNIST_DIR}):
 * <pre>
 * mvn -B -o -q -pl vae-core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -Xmx4g \
 *     -cp vae-core/target/test-classes:vae-core/target/classes:$(cat vae-core/target/test-classpath.txt) \
 *     io.github.dl4jvae.zoo.TrainZooWeights --model pytorch-example-mlp400 --epochs 10 --batch 128
 * </pre>
 * {@code OMP_NUM_THREADS=1}: on the project's 2-core machines ND4J's two OpenMP threads made DL4J's training steps
 * 4-20 times slower than one thread whenever another process was busy (28 ms against 120-540 ms per step).
 * It writes {@code vae-core/src/main/resources/io/github/dl4jvae/zoo/MODEL-fashion-mnist.zip} and
 * {@code vae-core/target/zoo-training/MODEL.json}. Settings: the entry's config (seed, Adam learning rate), pixels
 * scaled to [0,1] without binarization, training data shuffled every epoch from the seed; test negative ELBO over all
 * 10000 test images (batches of 500, noise seed + 1), importance sampling with K = 1000 on the first 1000 test images.
 */
public final class TrainZooWeights {
    private static final Logger LOG = LoggerFactory.getLogger(TrainZooWeights.class);

    private TrainZooWeights() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String name = options.getOrDefault("--model", "pytorch-example-mlp400");
        int epochs = Integer.parseInt(options.getOrDefault("--epochs", "10"));
        int batch = Integer.parseInt(options.getOrDefault("--batch", "128"));
        int importanceSamples = Integer.parseInt(options.getOrDefault("--k", "1000"));
        int importanceExamples = Integer.parseInt(options.getOrDefault("--k-examples", "1000"));
        Path resources = Path.of(options.getOrDefault("--resources", "vae-core/src/main/resources/io/github/dl4jvae/zoo"));
        Path report = Path.of(options.getOrDefault("--report", "vae-core/target/zoo-training"));
        IdxDataSource source = FashionMnist.locate(options.containsKey("--data") ? Path.of(options.get("--data")) : null);
        if (source.origin() == DataOrigin.EMBEDDED_SUBSET && !options.containsKey("--allow-subset")) {
            throw new IllegalStateException("only the embedded 5000-image subset was found; the zoo's weights are "
                    + "trained on the full Fashion-MNIST (install dataset-fashion-mnist or set " + FashionMnist.DIRECTORY_ENV
                    + "), or pass --allow-subset for a smoke run");
        }

        ZooEntry entry = VaeZoo.entry(name);
        VaeConfig config = entry.config();
        long seed = config.seed();
        LOG.info("training zoo model {} on {} ({}), {} epochs, batch {}", name, source.id(), source.location(), epochs,
                batch);
        ComputationGraph network = new VaeZooModel(entry).init();
        network.setListeners(new ScoreIterationListener(100));
        Preprocessing preprocessing = Preprocessing.defaults();
        DataSetIterator train = new FeaturesAsLabelsIterator(
                VaeData.iterator(source, Split.TRAIN, batch, preprocessing.withShuffle(true), seed));
        double trainingSeconds = 0;
        double lastEpochScore = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            train.reset();
            double sum = 0;
            long examples = 0;
            long start = System.nanoTime();
            while (train.hasNext()) {
                DataSet ds = train.next();
                network.fit(ds);
                sum += network.score() * ds.numExamples();
                examples += ds.numExamples();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            trainingSeconds += seconds;
            lastEpochScore = sum / examples;
            network.incrementEpochCount();
            LOG.info("epoch {}: mean training score (sampled negative ELBO) {} nats, {} s", epoch, fmt(lastEpochScore),
                    fmt(seconds));
        }

        // Figures, with the project's SameDiff evaluation code on the same weights.
        VaeModel model = ParameterTransfer.toVaeModel(network, config);
        Evaluation test = model.evaluate(VaeData.iterator(source, Split.TEST, 500, preprocessing, seed + 1));
        INDArray testImages = VaeData.load(source, Split.TEST, preprocessing, seed).getFeatures();
        INDArray first = testImages.get(NDArrayIndex.interval(0, importanceExamples), NDArrayIndex.all());
        long isStart = System.nanoTime();
        double nll = -model.logLikelihood(first, importanceSamples).meanNumber().doubleValue();
        LOG.info("test negative ELBO {} (reconstruction {}, KL {}); importance-sampled NLL {} (K={}, {} images, {} s)",
                fmt(test.negativeElbo()), fmt(test.reconstruction()), fmt(test.kl()), fmt(nll), importanceSamples,
                importanceExamples, fmt((System.nanoTime() - isStart) / 1e9));
        double dl4jSampled = dl4jSampledScore(network, testImages);
        LOG.info("cross-check: the DL4J network's own sampled test score {} (different noise draws)", fmt(dl4jSampled));
        INDArray subset = VaeData.load(FashionMnist.embeddedSubset(), Split.TEST, preprocessing, seed).getFeatures();
        double subsetScore = network.score(new DataSet(subset, subset));

        // The file: float32 weights, no updater state.
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, buffer, false);
        byte[] bytes = withFixedTimestamps(buffer.toByteArray());
        String file = name + "-fashion-mnist.zip";
        Files.createDirectories(resources);
        Files.write(resources.resolve(file), bytes);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("testNegativeElbo", round(test.negativeElbo()));
        figures.put("importanceSampledNll", round(nll));
        figures.put("importanceSamples", importanceSamples);
        figures.put("importanceExamples", importanceExamples);
        figures.put("embeddedSubsetScoreAtMean", subsetScore);
        figures.put("trainingSeconds", round(trainingSeconds));
        figures.put("secondsPerEpoch", round(trainingSeconds / epochs));
        figures.put("finalTrainingScore", round(lastEpochScore));
        Map<String, Object> pretrained = new LinkedHashMap<>();
        pretrained.put("resource", file);
        pretrained.put("sha256", Sha256.of(bytes));
        pretrained.put("bytes", bytes.length);
        pretrained.put("dataSet", source.id() + ": the 60000 training images; figures on the 10000 test images");
        pretrained.put("preprocessing", "pixels / 255 in [0,1], no binarization; training data shuffled every epoch");
        pretrained.put("trainingCommand", "mvn -B -o -q -pl vae-core test-compile dependency:build-classpath"
                + " -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test && OMP_NUM_THREADS=1 java -Xmx4g"
                + " -cp vae-core/target/test-classes:vae-core/target/classes:$(cat vae-core/target/test-classpath.txt)"
                + " io.github.dl4jvae.zoo.TrainZooWeights --model " + name + " --epochs " + epochs + " --batch " + batch);
        pretrained.put("epochs", epochs);
        pretrained.put("batchSize", batch);
        pretrained.put("seed", seed);
        Object backend = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
        pretrained.put("environment", "dl4j-vae " + Versions.library() + ", DL4J/ND4J "
                + Versions.nd4j() + " " + backend + " backend, OMP_NUM_THREADS="
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + ", trained " + Instant.now().toString().substring(0, 10));
        pretrained.put("figures", figures);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(pretrained);
        Files.createDirectories(report);
        Files.writeString(report.resolve(name + ".json"), json);
        LOG.info("wrote {} ({} bytes); registry block:\n{}", resources.resolve(file), bytes.length, json);
    }

    /**
     * The same zip with every entry dated 1980-01-01 00:00 (the earliest DOS date), so that the same weights give the
     * same file, and the same SHA-256, whenever they are written.
     */
    static byte[] withFixedTimestamps(byte[] zip) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
             java.util.zip.ZipOutputStream zipOut = new java.util.zip.ZipOutputStream(out)) {
            java.util.zip.ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(entry.getName());
                copy.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
                zipOut.putNextEntry(copy);
                zipOut.write(in.readAllBytes());
                zipOut.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Re-packs existing weight files with fixed timestamps: {@code NormalizeZip FILE...} (each rewritten in place). */
    static final class NormalizeZip {
        public static void main(String[] files) throws Exception {
            for (String file : files) {
                Path path = Path.of(file);
                byte[] bytes = withFixedTimestamps(Files.readAllBytes(path));
                Files.write(path, bytes);
                LOG.info("{}: {} bytes, SHA-256 {}", path, bytes.length, Sha256.of(bytes));
            }
        }
    }

    /** Mean per-example score of the DL4J network with z sampled at inference, over all images. */
    private static double dl4jSampledScore(ComputationGraph network, INDArray images) {
        ComputationGraph copy = network.clone();
        ReparameterizationVertex.setSampleAtInference(copy, true);
        double sum = 0;
        long n = images.size(0);
        for (long start = 0; start < n; start += 500) {
            INDArray x = images.get(NDArrayIndex.interval(start, Math.min(n, start + 500)), NDArrayIndex.all());
            sum += copy.scoreExamples(new DataSet(x, x), false).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        }
        return sum / n;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; options are --model NAME, "
                        + "--epochs N, --batch N, --k N, --k-examples N, --data DIR, --resources DIR, --report DIR, "
                        + "--allow-subset");
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(args[i], flag ? "true" : args[++i]);
        }
        return options;
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3f", value));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
