package io.github.dl4jvae.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.Prior;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.layers.VaeEncoders;
import io.github.dl4jvae.layers.VaeNetworkBuilder;
import io.github.dl4jvae.model.OneHot;
import io.github.dl4jvae.model.VaeModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The zoo: registry contents and validation, {@code init()} for every model, and the shipped weights of the
 * vae-zoo-weights artifact (checksum, size, loading into the SameDiff model and the DL4J network, and the figure the
 * registry records for the embedded test images, recomputed from each file).
 */
class VaeZooTest {
    private static final String PRETRAINED = "pytorch-example-mlp400";
    private static ComputationGraph pretrained;

    @BeforeAll
    static void loadPretrained() throws IOException {
        pretrained = VaeZoo.model(PRETRAINED).initPretrained();
    }

    @Test
    void registryListsTheArchitecturesWithTheirMetadata() {
        List<ZooEntry> entries = VaeZoo.entries();
        assertEquals(List.of("kingma-welling-2013-mlp500", PRETRAINED, "conv-28x28", "cvae-mlp400",
                "beta4-vae-mlp400", "warmup-vae-mlp400", "cyclical-vae-mlp400", "capacity-vae-mlp400", "free-bits-vae-mlp400",
                "iwae-mlp400", "gaussian-mlp400", "vae-2x300-z40", "ae-mlp400", "gated-vae-mlp300-z40",
                "vampprior-vae-mlp300-z40"), entries.stream().map(ZooEntry::name).toList());
        ZooEntry kingmaWelling = VaeZoo.entry("kingma-welling-2013-mlp500");
        assertEquals(List.of(500), kingmaWelling.config().network().hiddenSizes());
        assertEquals(ActivationFunction.TANH, kingmaWelling.config().network().activation());
        ZooEntry pytorch = VaeZoo.entry(PRETRAINED);
        assertEquals(List.of(400), pytorch.config().network().hiddenSizes());
        assertEquals(ActivationFunction.RELU, pytorch.config().network().activation());
        ZooEntry conv = VaeZoo.entry("conv-28x28");
        assertEquals(Architecture.CONV, conv.config().network().architecture());
        ZooEntry cvae = VaeZoo.entry("cvae-mlp400");
        assertEquals(10, cvae.config().conditionClasses(), "conditioned on the 10 Fashion-MNIST classes");
        assertEquals(pytorch.config().network(), cvae.config().network());
        assertTrue(cvae.paper().contains("Sohn") && cvae.paper().contains("NeurIPS 2015"), cvae.paper());
        ZooEntry vamp = VaeZoo.entry("vampprior-vae-mlp300-z40");
        assertEquals(Architecture.GATED_MLP, vamp.config().network().architecture());
        assertEquals(List.of(300, 300), vamp.config().network().hiddenSizes());
        assertEquals(Prior.vamp(500), vamp.config().prior());
        assertEquals(Prior.STANDARD, VaeZoo.entry("gated-vae-mlp300-z40").config().prior());
        assertEquals(vamp.config().toBuilder().prior(Prior.STANDARD).build(),
                VaeZoo.entry("gated-vae-mlp300-z40").config(), "the two reproductions differ in their prior alone");
        for (ZooEntry entry : entries) {
            assertEquals(List.of(1, 28, 28), entry.inputShape(), entry.name());
            assertEquals("fashion-mnist", entry.dataSet(), entry.name());
            assertEquals(entry == cvae ? 10 : 0, entry.config().conditionClasses(), entry.name());
        }
        assertTrue(pytorch.hasPretrainedWeights());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeZoo.entry("vgg16")).getMessage()
                .contains(PRETRAINED));
    }

    @Test
    void theFamilyEntriesDifferFromThePlainVaeOnlyInTheirObjectiveOrLayers() {
        VaeConfig plain = VaeZoo.entry(PRETRAINED).config();
        assertEquals(plain.toBuilder().beta(4.0).build(), VaeZoo.entry("beta4-vae-mlp400").config());
        assertEquals(plain.toBuilder().objective(Objective.elbo(KlSchedule.linear(2345))).build(),
                VaeZoo.entry("warmup-vae-mlp400").config());
        assertEquals(plain.toBuilder().objective(Objective.elbo(
                        new KlSchedule(KlSchedule.Shape.CYCLICAL, 1173, 0.5, 0.0, 1.0))).build(),
                VaeZoo.entry("cyclical-vae-mlp400").config());
        assertEquals(plain.toBuilder().objective(Objective.elbo(
                        new KlSchedule(KlSchedule.Shape.CAPACITY, 3500, 1.0, 25.0, 1000.0))).build(),
                VaeZoo.entry("capacity-vae-mlp400").config());
        assertEquals(plain.toBuilder().objective(Objective.ELBO.withFreeBits(0.5)).build(),
                VaeZoo.entry("free-bits-vae-mlp400").config());
        assertEquals(plain.toBuilder().objective(Objective.IWAE).samplesPerExample(5).build(),
                VaeZoo.entry("iwae-mlp400").config());
        assertEquals(plain.toBuilder().likelihood(Likelihood.GAUSSIAN_LEARNED_VARIANCE).build(),
                VaeZoo.entry("gaussian-mlp400").config());
        assertEquals(plain.toBuilder().network(new NetworkConfig(Architecture.MLP, List.of(300, 300), List.of(),
                        ActivationFunction.RELU)).latentSize(40).learningRate(5e-4).build(),
                VaeZoo.entry("vae-2x300-z40").config());
        assertEquals(plain.toBuilder().objective(Objective.AE).build(), VaeZoo.entry("ae-mlp400").config());
    }

    @Test
    void initBuildsEveryModelTheDl4jLayersCanTrainWithTheParametersOfItsArchitecture() {
        // Counted by hand: dense in*out + out; 3x3 convolutions 9*in*out + out.
        long mlp400 = (784L * 400 + 400) + 2 * (400L * 20 + 20) + (20L * 400 + 400) + (400L * 784 + 784);
        Map<String, Long> expected = Map.of(
                "kingma-welling-2013-mlp500", (784L * 500 + 500) + 2 * (500L * 20 + 20) + (20L * 500 + 500) + (500L * 784 + 784),
                PRETRAINED, mlp400,
                "conv-28x28", (9L * 32 + 32) + (9L * 32 * 64 + 64) + (3136L * 256 + 256) + 2 * (256L * 20 + 20)
                        + (20L * 256 + 256) + (256L * 3136 + 3136) + (9L * 64 * 32 + 32) + (9L * 32 + 1),
                "beta4-vae-mlp400", mlp400,
                "gaussian-mlp400", mlp400 + 400L * 784 + 784,
                "vae-2x300-z40", (784L * 300 + 300) + (300L * 300 + 300) + 2 * (300L * 40 + 40) + (40L * 300 + 300)
                        + (300L * 300 + 300) + (300L * 784 + 784));
        Map<String, Long> outputWidth = Map.of("gaussian-mlp400", 2L * 784 + 1);
        for (ZooEntry entry : VaeZoo.entries()) {
            VaeZooModel model = new VaeZooModel(entry);
            if (entry.config().conditional()) {
                // The DL4J-layer network has no label input; the conditional model is a VaeModel.
                assertEquals("conditionClasses is 10; the DL4J layers have one input, the data, and no label input, "
                        + "so it must be 0 (use io.github.dl4jvae.model.VaeModel for a conditional VAE)",
                        assertThrows(IllegalArgumentException.class, model::init).getMessage());
                continue;
            }
            if (!expected.containsKey(entry.name())) {
                String message = assertThrows(IllegalArgumentException.class, model::init, entry.name()).getMessage();
                assertTrue(message.contains("use io.github.dl4jvae.model.VaeModel for"), message);
                continue;
            }
            ComputationGraph network = model.init();
            assertEquals(expected.get(entry.name()), network.numParams(), entry.name());
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 784);
            assertArrayEquals(new long[] {2, outputWidth.getOrDefault(entry.name(), 785L)},
                    network.outputSingle(x).shape(), entry.name());
            assertEquals(entry.name(), model.modelName());
            assertArrayEquals(new int[][] {{1, 28, 28}}, model.metaData().getInputShape());
            assertEquals(ComputationGraph.class, model.modelType());
        }
        // The gated reproduction trains with a KL warm-up, which the DL4J layers do not; initPretrained() builds its
        // architecture with the plain ELBO: gated layers (a dense layer and its gate each) and the clamped log-variance.
        VaeConfig gated = VaeZoo.entry("gated-vae-mlp300-z40").config().toBuilder().objective(Objective.ELBO).build();
        assertEquals(2 * (784L * 300 + 300) + 2 * (300L * 300 + 300) + 2 * (300L * 40 + 40) + 2 * (40L * 300 + 300)
                + 2 * (300L * 300 + 300) + (300L * 784 + 784), VaeNetworkBuilder.of(gated).build().numParams());
    }

    @Test
    void everyEntryTrainsAsASameDiffModelThatSavesAndLoadsUnchanged(@TempDir Path dir) throws IOException {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 784).gt(0.5).castTo(DataType.FLOAT);
        for (ZooEntry entry : VaeZoo.entries()) {
            int classes = entry.config().conditionClasses();
            INDArray labels = classes > 0 ? OneHot.of(new int[] {0, 1, 2, 3}, classes) : null;
            VaeModel model = VaeModel.create(entry.config());
            model.fit(new ListDataSetIterator<>(List.of(new DataSet(x, classes > 0 ? labels : x)), 4), 1);
            Path file = dir.resolve(entry.name() + ".zip");
            model.save(file);
            VaeModel loaded = VaeModel.load(file);
            assertEquals(entry.config(), loaded.config(), entry.name());
            assertEquals(1, loaded.iterations(), entry.name());
            INDArray mean = classes > 0 ? model.encode(x, labels).mean() : model.encode(x).mean();
            assertEquals(mean, classes > 0 ? loaded.encode(x, labels).mean() : loaded.encode(x).mean(), entry.name());
            assertEquals(classes > 0 ? model.decode(mean, labels) : model.decode(mean),
                    classes > 0 ? loaded.decode(mean, labels) : loaded.decode(mean), entry.name());
        }
    }


    @Test
    void shippedWeightsMatchTheirChecksumSizeAndRecordedFigure() throws IOException {
        List<ZooEntry> shipped = VaeZoo.entries().stream().filter(ZooEntry::hasPretrainedWeights).toList();
        assertTrue(shipped.stream().anyMatch(e -> e.name().equals(PRETRAINED)), shipped.toString());
        for (ZooEntry entry : shipped) {
            PretrainedWeights weights = entry.pretrained();
            byte[] bytes;
            try (InputStream in = VaeZoo.class.getClassLoader().getResourceAsStream(VaeZoo.WEIGHTS_FOLDER
                    + weights.resource())) {
                bytes = in.readAllBytes();
            }
            assertEquals(weights.bytes(), bytes.length, entry.name());
            assertTrue(bytes.length <= 6_000_000, entry.name() + " weights stay under 6 MB: " + bytes.length);
            assertEquals(weights.sha256(), Sha256.of(bytes), entry.name());

            // The recorded negative ELBO of the 1000 embedded test images, recomputed from the file: the same
            // computation on the same float32 weights, so only the order of sums may differ (relative 1e-6).
            VaeModel model = VaeZoo.model(entry.name()).pretrainedModel();
            // As bin/vae evaluate computes it: one binarized draw of the test images, batches of 500.
            double recomputed = model.evaluate(new ViewIterator(VaeData.load(FashionMnist.embeddedSubset(),
                    Split.TEST, Preprocessing.defaults().withBinarization(weights.binarization()), 1), 500))
                    .negativeElbo();
            double recorded = weights.figures().embeddedSubsetNegativeElbo();
            assertEquals(recorded, recomputed, 1e-6 * Math.abs(recorded), entry.name());
            // The importance-sampled bound lies below the one-sample bound.
            Figures figures = weights.figures();
            boolean autoencoder = entry.config().objective().autoencoder();
            assertEquals(autoencoder, figures.importanceSampledNll() == null, entry.name() + ": NLL only for a VAE");
            assertTrue(autoencoder || figures.importanceSampledNll() < figures.testNegativeElbo(),
                    entry.name() + " " + figures);
        }
    }

    @Test
    void pretrainedWeightsAgreeWithTheSameDiffModelAndFeedAClassifier() throws IOException {
        // The same weights in the SameDiff model give the same per-example objective at the mean.
        INDArray x = VaeData.load(FashionMnist.embeddedSubset(), Split.TEST, Preprocessing.defaults(), 0).getFeatures()
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100), org.nd4j.linalg.indexing.NDArrayIndex.all());
        VaeModel model = VaeZoo.model(PRETRAINED).pretrainedModel();
        Map<String, INDArray> out = model.graph().sameDiff().output(Map.of(VaeGraph.X, x, VaeGraph.EPSILON,
                Nd4j.zeros(DataType.FLOAT, 1, 100, 20)), VaeGraph.NEGATIVE_ELBO);
        assertEquals(out.get(VaeGraph.NEGATIVE_ELBO).meanNumber().doubleValue(), pretrained.score(new DataSet(x, x)),
                1e-4 * 250);

        // Fine-tuning style: the frozen pretrained encoder under a softmax layer, trained on the embedded subset.
        var source = FashionMnist.embeddedSubset();
        DataSet train = VaeData.load(source, Split.TRAIN, Preprocessing.defaults(), 0);
        DataSet test = VaeData.load(source, Split.TEST, Preprocessing.defaults(), 0);
        ComputationGraph classifier = VaeEncoders.classifier(pretrained, 10, true, new Adam(1e-2), 7);
        for (int epoch = 0; epoch < 60; epoch++) {
            classifier.fit(train);
        }
        org.nd4j.evaluation.classification.Evaluation evaluation = new org.nd4j.evaluation.classification.Evaluation(10);
        evaluation.eval(test.getLabels(), classifier.outputSingle(test.getFeatures()));
        double accuracy = evaluation.accuracy();
        // Logistic regression on the 20 latent means of the frozen trained encoder, 5000 training images: 0.688 when
        // this test was written (chance: 0.10).
        assertTrue(accuracy > 0.65, "accuracy " + accuracy);
    }

    @Test
    void theGatedReproductionLoadsIntoTheDl4jLayersWithTheSameObjective() throws IOException {
        // Gated layers and the clamped log-variance in the DL4J network: at z = the posterior mean (epsilon 0) its score
        // is the SameDiff model's negative ELBO (Monte-Carlo KL at that z). Float32 sums in two graphs: 1e-4 relative.
        VaeZooModel zoo = VaeZoo.model("gated-vae-mlp300-z40");
        VaeModel model = zoo.pretrainedModel();
        ComputationGraph network = zoo.initPretrained();
        INDArray x = VaeData.load(FashionMnist.embeddedSubset(), Split.TEST, Preprocessing.defaults()
                .withBinarization(Preprocessing.Binarization.DYNAMIC), 1).getFeatures()
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100), org.nd4j.linalg.indexing.NDArrayIndex.all());
        Map<String, INDArray> out = model.graph().sameDiff().output(Map.of(VaeGraph.X, x, VaeGraph.EPSILON,
                Nd4j.zeros(DataType.FLOAT, 1, 100, 40)), VaeGraph.NEGATIVE_ELBO);
        double sameDiff = out.get(VaeGraph.NEGATIVE_ELBO).meanNumber().doubleValue();
        assertEquals(sameDiff, network.score(new DataSet(x, x)), 1e-4 * sameDiff);
        assertEquals(model.graph().parameterNames().stream().mapToLong(name -> model.graph().sameDiff()
                .getArrForVarName(name).length()).sum(), network.numParams());
    }

    @Test
    void aDamagedOrMissingFileIsRefusedBeforeUse() {
        ZooEntry entry = VaeZoo.entry(PRETRAINED);
        PretrainedWeights w = entry.pretrained();
        IOException e = assertThrows(IOException.class, () -> new VaeZooModel(withWeights(entry, w.resource(),
                "0".repeat(64))).initPretrained());
        assertTrue(e.getMessage().contains("fail their checksum") && e.getMessage().contains(w.sha256()),
                e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> new VaeZooModel(withWeights(entry, "absent.zip",
                w.sha256())).pretrainedModel());
        assertEquals("the weights of zoo model " + PRETRAINED + " (io/github/dl4jvae/zoo/weights/absent.zip) are not "
                + "on the class path: they ship in the artifact io.github.dl4jvae:vae-zoo-weights; add <dependency>"
                + "<groupId>io.github.dl4jvae</groupId><artifactId>vae-zoo-weights</artifactId><version>"
                + io.github.dl4jvae.versions.Versions.library() + "</version></dependency> beside vae-core",
                missing.getMessage());
    }

    /** The entry with its weights' file name and checksum replaced. */
    private static ZooEntry withWeights(ZooEntry entry, String resource, String sha256) {
        PretrainedWeights w = entry.pretrained();
        PretrainedWeights changed = new PretrainedWeights(resource, sha256, w.bytes(), w.dataSet(), w.preprocessing(),
                w.binarization(), w.trainingCommand(), w.epochs(), w.bestEpoch(), w.batchSize(), w.seed(),
                w.trainingSeconds(), w.environment(), w.figures());
        return new ZooEntry(entry.name(), entry.title(), entry.paper(), entry.architecture(), entry.likelihood(),
                entry.inputShape(), entry.latentSize(), entry.dataSet(), entry.notes(), entry.config(), changed,
                entry.familyRun());
    }

    @Test
    void unavailableWeightsAndChangedShapesAreRefusedWithReasons() {
        UnsupportedOperationException none = assertThrows(UnsupportedOperationException.class,
                () -> VaeZoo.model("conv-28x28").initPretrained());
        assertTrue(none.getMessage().contains(PRETRAINED), none.getMessage());
        VaeZooModel model = VaeZoo.model(PRETRAINED);
        assertFalse(model.pretrainedAvailable(PretrainedType.MNIST));
        assertTrue(assertThrows(UnsupportedOperationException.class, () -> model.initPretrained(PretrainedType.MNIST))
                .getMessage().contains("initPretrained()"));
        model.setInputShape(new int[][] {{1, 14, 14}});
        assertEquals(196, model.config().inputShape().size());
        assertEquals(14 * 14 + 1, model.init().outputSingle(Nd4j.rand(DataType.FLOAT, 1, 196)).size(1));
        assertThrows(IllegalStateException.class, model::initPretrained);
        assertThrows(IllegalArgumentException.class, () -> model.setInputShape(new int[][] {{28, 28}}));
    }

    @Test
    void invalidRegistriesAreRejectedWithTheEntryAndProblem() throws IOException {
        String good = new String(VaeZoo.class.getResourceAsStream(VaeZoo.REGISTRY_RESOURCE).readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(VaeZoo.entries().size(), parse(good).size());
        assertTrue(parseError(good.replaceFirst("\"latentSize\": 20", "\"latentSize\": 21"))
                .contains("latentSize 21 disagrees"));
        assertTrue(parseError(good.replaceFirst("\"title\"", "\"colour\": 1, \"title\"")).contains("colour"));
        assertTrue(parseError(good.replace("\"conv-28x28\"", "\"pytorch-example-mlp400\"")).contains("duplicate"));
        assertTrue(parseError(good.replace("dl4j-vae-zoo", "other")).contains("not a zoo registry"));
        assertTrue(parseError("{").contains("not valid JSON"));
    }

    private static Map<String, ZooEntry> parse(String json) throws IOException {
        return VaeZoo.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private static String parseError(String json) {
        return assertThrows(IOException.class, () -> parse(json)).getMessage();
    }
}
