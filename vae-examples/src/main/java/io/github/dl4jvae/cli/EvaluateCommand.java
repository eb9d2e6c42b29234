package io.github.dl4jvae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.eval.LatentUsage;
import io.github.dl4jvae.model.Evaluation;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae evaluate}: over the whole test split, the negative ELBO and its terms, the active units and the KL
 * per latent dimension ({@link LatentUsage}); on the first {@code --limit} test images, the importance-sampled
 * negative log-likelihood with K samples. Prints a table and writes {@code evaluation.json} beside the model. A
 * conditional model is evaluated with the test labels as its condition: its figures bound -log p(x|y).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test negative ELBO, importance-sampled NLL, active units and KL per latent dimension of a "
                + "trained model.", "Prints a table and writes evaluation.json beside the model."})
public final class EvaluateCommand implements Callable<Integer> {
    /** File name of the JSON report. */
    public static final String JSON_FILE = "evaluation.json";

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--k", description = "Importance samples per image (default: ${DEFAULT-VALUE}).")
    int k = 1000;

    @Option(names = "--limit", description = "Test images for the NLL estimate (default: ${DEFAULT-VALUE}).")
    int limit = 1000;

    @Mixin
    BinarizationOption binarization = new BinarizationOption();

    @Option(names = "--out", paramLabel = "FILE", description = "JSON report (default: evaluation.json beside the model).")
    Path out;

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The figures, in nats per example.
     *
     * @param test                  negative ELBO and terms over the test split
     * @param negativeLogLikelihood importance-sampled NLL over the first {@code images} test images
     * @param k                     importance samples per image
     * @param images                images in the NLL estimate
     * @param latent                active units and KL per dimension over the test split
     * @param seconds               wall time of the evaluation
     * @param passSeconds           wall time of each pass over data: negative ELBO, latent means, NLL
     * @param threads               the threads the model computed on
     */
    public record Result(Evaluation test, double negativeLogLikelihood, int k, int images, LatentUsage latent,
                         double seconds, PassSeconds passSeconds, int threads) {
    }

    /**
     * Seconds of each pass over data (data preparation included, as a user waits for it).
     *
     * @param negativeElbo the test split's negative ELBO, batches of 500
     * @param latentMeans  the test split's posteriors, batches of 500
     * @param nll          the importance-sampled NLL of the first images, batches of 100
     */
    public record PassSeconds(double negativeElbo, double latentMeans, double nll) {
    }

    @Override
    public Integer call() throws Exception {
        Result r = evaluate(model.load(), data.locate(), k, limit, binarization.resolve(model));
        PrintWriter w = spec.commandLine().getOut();
        print(r, w);
        Path file = model.output(out, JSON_FILE);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.reference.toString());
        report.putAll(json(r));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        w.printf("wrote %s%n", file);
        w.flush();
        return 0;
    }

    /** Evaluates {@code model} on the test split of {@code source}. */
    public static Result evaluate(VaeModel model, IdxDataSource source, int k, int limit,
                                  Preprocessing.Binarization binarization) throws IOException {
        if (k < 1 || limit < 1) {
            throw new IllegalArgumentException("--k and --limit must be >= 1, got " + k + " and " + limit);
        }
        long start = System.nanoTime();
        Preprocessing preprocessing = Preprocessing.defaults().withBinarization(binarization);
        Evaluation test = model.evaluate(VaeData.iterator(source, Split.TEST, 500, preprocessing, 1));
        long elboDone = System.nanoTime();
        LatentUsage latent = LatentUsage.measure(model, VaeData.iterator(source, Split.TEST, 500, preprocessing, 1));
        long latentDone = System.nanoTime();
        DataSet all = VaeData.load(source, Split.TEST, preprocessing, 1);
        int images = (int) Math.min(limit, all.numExamples());
        double logLikelihood = model.logLikelihood(new ViewIterator((DataSet) all.getRange(0, images), 100), k);
        long end = System.nanoTime();
        return new Result(test, -logLikelihood, k, images, latent, (end - start) / 1e9,
                new PassSeconds((elboDone - start) / 1e9, (latentDone - elboDone) / 1e9, (end - latentDone) / 1e9),
                model.threads());
    }

    static void print(Result r, PrintWriter w) {
        LatentUsage latent = r.latent();
        w.printf(Locale.ROOT, "test negative ELBO     %10.3f nats (%d images)%n", r.test().negativeElbo(),
                r.test().examples());
        w.printf(Locale.ROOT, "  reconstruction       %10.3f%n", r.test().reconstruction());
        w.printf(Locale.ROOT, "  KL                   %10.3f%n", r.test().kl());
        w.printf(Locale.ROOT, "NLL, K=%-5d           %10.3f nats (first %d test images)%n", r.k(),
                r.negativeLogLikelihood(), r.images());
        w.printf(Locale.ROOT, "active units           %6d of %d (Var_x E[z_u|x] > %s)%n", latent.activeUnits(),
                latent.latentSize(), LatentUsage.ACTIVE_THRESHOLD);
        w.printf(Locale.ROOT, "time                   %10.2f s on %d threads (negative ELBO %.2f s, latent means %.2f s, "
                + "NLL %.2f s)%n", r.seconds(), r.threads(), r.passSeconds().negativeElbo(),
                r.passSeconds().latentMeans(), r.passSeconds().nll());
        w.printf("%n%9s %10s %14s %7s%n", "dimension", "KL (nats)", "Var_x E[z|x]", "active");
        double[] kl = latent.klPerDimension();
        double[] activity = latent.posteriorMeanVariance();
        for (int u = 0; u < kl.length; u++) {
            w.printf(Locale.ROOT, "%9d %10.3f %14.4f %7s%n", u + 1, kl[u], activity[u], latent.isActive(u) ? "yes" : "no");
        }
    }

    static Map<String, Object> json(Result r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("testNegativeElbo", r.test().negativeElbo());
        json.put("testReconstruction", r.test().reconstruction());
        json.put("testKl", r.test().kl());
        json.put("testImages", r.test().examples());
        json.put("importanceSampledNll", r.negativeLogLikelihood());
        json.put("k", r.k());
        json.put("nllImages", r.images());
        json.put("latentSize", r.latent().latentSize());
        json.put("activeUnits", r.latent().activeUnits());
        json.put("activeUnitThreshold", LatentUsage.ACTIVE_THRESHOLD);
        json.put("klPerDimension", r.latent().klPerDimension());
        json.put("posteriorMeanVariance", r.latent().posteriorMeanVariance());
        json.put("seconds", r.seconds());
        json.put("negativeElboSeconds", r.passSeconds().negativeElbo());
        json.put("latentMeansSeconds", r.passSeconds().latentMeans());
        json.put("nllSeconds", r.passSeconds().nll());
        json.put("threads", r.threads());
        return json;
    }
}
