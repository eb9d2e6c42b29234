package io.github.dl4jvae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.model.Evaluation;
import io.github.dl4jvae.model.VaeModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vae evaluate}: test-set negative ELBO and its terms over the whole test split, and the
 * importance-sampled negative log-likelihood with K samples on the first {@code --limit} test images.
 * Prints a table and writes {@code evaluation.json} beside the model.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Test negative ELBO and importance-sampled NLL of a trained model; writes evaluation.json.")
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.zip written by train.")
    Path modelFile;

    @Option(names = "--k", description = "Importance samples per image (default: ${DEFAULT-VALUE}).")
    int k = 1000;

    @Option(names = "--limit", description = "Test images for the NLL estimate (default: ${DEFAULT-VALUE}).")
    int limit = 1000;

    @Option(names = "--binarize", description = "Pixel binarization used in training: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    Preprocessing.Binarization binarization = Preprocessing.Binarization.NONE;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The figures, in nats per example. */
    public record Result(Evaluation test, double negativeLogLikelihood, int k, int images, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        Result r = evaluate(VaeModel.load(modelFile), data.locate(), k, limit, binarization);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("test negative ELBO     %10.3f nats (%d images)%n", r.test().negativeElbo(), r.test().examples());
        w.printf("  reconstruction       %10.3f%n", r.test().reconstruction());
        w.printf("  KL                   %10.3f%n", r.test().kl());
        w.printf("NLL, K=%-5d           %10.3f nats (first %d test images)%n", r.k(), r.negativeLogLikelihood(),
                r.images());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", modelFile.toString());
        json.put("testNegativeElbo", r.test().negativeElbo());
        json.put("testReconstruction", r.test().reconstruction());
        json.put("testKl", r.test().kl());
        json.put("testImages", r.test().examples());
        json.put("importanceSampledNll", r.negativeLogLikelihood());
        json.put("k", r.k());
        json.put("nllImages", r.images());
        json.put("seconds", r.seconds());
        Path file = modelFile.toAbsolutePath().resolveSibling("evaluation.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        w.printf("wrote %s%n", file);
        w.flush();
        return 0;
    }

    /** Evaluates {@code model} on the test split of {@code source}. */
    public static Result evaluate(VaeModel model, IdxDataSource source, int k, int limit,
                                  Preprocessing.Binarization binarization) throws java.io.IOException {
        if (k < 1 || limit < 1) {
            throw new IllegalArgumentException("--k and --limit must be >= 1, got " + k + " and " + limit);
        }
        long start = System.nanoTime();
        Preprocessing preprocessing = Preprocessing.defaults().withBinarization(binarization);
        Evaluation test = model.evaluate(VaeData.iterator(source, Split.TEST, 500, preprocessing, 1));
        DataSet all = VaeData.load(source, Split.TEST, preprocessing, 1);
        int images = (int) Math.min(limit, all.numExamples());
        double total = 0;
        for (int startRow = 0; startRow < images; startRow += 100) {
            int end = Math.min(images, startRow + 100);
            total += model.logLikelihood(all.getFeatures().get(NDArrayIndex.interval(startRow, end),
                    NDArrayIndex.all()), k).sumNumber().doubleValue();
        }
        return new Result(test, -total / images, k, images, (System.nanoTime() - start) / 1e9);
    }
}
