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
 * conditional model is evaluated with the test labels as its condition: its figures bound -log p(x|y). A
 * deterministic autoencoder ({@code Objective.Kind.AE}) has no ELBO and no likelihood: it gets its reconstruction loss
 * and the variance of its codes, and a line saying why the rest is undefined. {@code --quality} adds the sample
 * quality of {@code --samples} draws of {@code --sampler} ({@link QualityEvaluation}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test negative ELBO, importance-sampled NLL, active units and KL per latent dimension of a "
                + "trained model (an autoencoder: its reconstruction loss; it has no ELBO or NLL).",
            "--quality adds the Frechet distance and k-NN precision and recall of --samples draws of --sampler "
                    + "against the test images, in the features of the shipped classifier.",
            "Prints a table and writes evaluation.json beside the model."})
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

    @Option(names = "--quality", description = "Also measure sample quality: Frechet distance, precision and recall.")
    boolean quality;

    @Option(names = "--sampler", paramLabel = "prior|gmm:K", description = "With --quality: where codes come from, "
            + "prior N(0, I) or gmm:K, a K-component Gaussian mixture fitted to the training split's codes "
            + "(default: ${DEFAULT-VALUE}).")
    String sampler = "prior";

    @Option(names = "--samples", paramLabel = "N", description = "With --quality: images drawn, and test images "
            + "compared with (all of them if fewer) (default: ${DEFAULT-VALUE}).")
    int samples = 10_000;

    @Option(names = "--neighbours", paramLabel = "K", description = "With --quality: k of the k-NN radii of precision "
            + "and recall (default: ${DEFAULT-VALUE}).")
    int neighbours = io.github.dl4jvae.quality.PrecisionRecall.DEFAULT_K;

    @Option(names = "--seed", description = "With --quality: seed of the draws and of the mixture (default: the "
            + "model's seed).")
    Long seed;

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The figures, in nats per example.
     *
     * @param test                  negative ELBO and terms over the test split (an autoencoder's: its reconstruction
     *                              loss, KL 0)
     * @param negativeLogLikelihood importance-sampled NLL over the first {@code images} test images; null for an
     *                              autoencoder, which has none
     * @param k                     importance samples per image
     * @param images                images in the NLL estimate (0 for an autoencoder)
     * @param latent                active units and KL per dimension over the test split
     * @param seconds               wall time of the evaluation
     * @param passSeconds           wall time of each pass over data: negative ELBO, latent means, NLL
     * @param threads               the threads the model computed on
     */
    public record Result(Evaluation test, Double negativeLogLikelihood, int k, int images, LatentUsage latent,
                         double seconds, PassSeconds passSeconds, int threads) {
        /** Whether these are an autoencoder's figures: no likelihood, no KL. */
        public boolean autoencoder() {
            return negativeLogLikelihood == null;
        }
    }

    /**
     * Seconds of each pass over data (data preparation included, as a user waits for it).
     *
     * @param negativeElbo the test split's negative ELBO, batches of 500
     * @param latentMeans  the test split's posteriors, batches of 500
     * @param nll          the importance-sampled NLL of the first images, batches of 100 (0 for an autoencoder)
     */
    public record PassSeconds(double negativeElbo, double latentMeans, double nll) {
    }

    @Override
    public Integer call() throws Exception {
        SamplerChoice choice = qualityChoice();
        VaeModel vae = model.load();
        if (choice != null) {
            Sampling.check(vae, choice, model.reference.toString());
        }
        IdxDataSource source = data.locate();
        if (choice != null) {
            QualityEvaluation.checkData(source, samples, neighbours);
        }
        Preprocessing.Binarization binarize = binarization.resolve(model);
        Result r = evaluate(vae, source, k, limit, binarize);
        PrintWriter w = spec.commandLine().getOut();
        print(r, w);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.reference.toString());
        report.putAll(json(r));
        if (choice != null) {
            QualityEvaluation.Report quality = QualityEvaluation.measure(vae, choice, samples, neighbours,
                    seed == null ? vae.config().seed() : seed, source, binarize);
            QualityEvaluation.print(quality, w);
            report.put("quality", QualityEvaluation.json(quality));
        }
        Path file = model.output(out, JSON_FILE);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        w.printf("wrote %s%n", file);
        w.flush();
        return 0;
    }

    /**
     * The sampler of {@code --quality}, or null without it.
     *
     * @throws IllegalArgumentException for quality options without {@code --quality}, a bad sampler name, or bad
     *     counts
     */
    private SamplerChoice qualityChoice() {
        var given = spec.commandLine().getParseResult();
        if (!quality) {
            for (String option : new String[] {"--sampler", "--samples", "--neighbours", "--seed"}) {
                if (given.hasMatchedOption(option)) {
                    throw new IllegalArgumentException(option + " belongs to the sample-quality figures: add "
                            + "--quality");
                }
            }
            return null;
        }
        SamplerChoice choice = SamplerChoice.parse(sampler);
        QualityEvaluation.checkOptions(samples, neighbours);
        return choice;
    }

    /** Evaluates {@code model} on the test split of {@code source}. */
    public static Result evaluate(VaeModel model, IdxDataSource source, int k, int limit,
                                  Preprocessing.Binarization binarization) throws IOException {
        if (k < 1 || limit < 1) {
            throw new IllegalArgumentException("--k and --limit must be >= 1, got " + k + " and " + limit);
        }
        long start = System.nanoTime();
        Preprocessing preprocessing = Preprocessing.defaults().withBinarization(binarization);
        // One draw of the binarized test images for every figure, so that the -ELBO and the NLL bound the same data.
        DataSet all = VaeData.load(source, Split.TEST, preprocessing, 1);
        Evaluation test = model.evaluate(new ViewIterator(all, 500));
        long elboDone = System.nanoTime();
        LatentUsage latent = LatentUsage.measure(model, new ViewIterator(all, 500));
        long latentDone = System.nanoTime();
        if (model.config().objective().autoencoder()) {
            return new Result(test, null, k, 0, latent, (latentDone - start) / 1e9,
                    new PassSeconds((elboDone - start) / 1e9, (latentDone - elboDone) / 1e9, 0), model.threads());
        }
        int images = (int) Math.min(limit, all.numExamples());
        double logLikelihood = model.logLikelihood(new ViewIterator((DataSet) all.getRange(0, images), 100), k);
        long end = System.nanoTime();
        return new Result(test, -logLikelihood, k, images, latent, (end - start) / 1e9,
                new PassSeconds((elboDone - start) / 1e9, (latentDone - elboDone) / 1e9, (end - latentDone) / 1e9),
                model.threads());
    }

    static void print(Result r, PrintWriter w) {
        if (r.autoencoder()) {
            AutoencoderReport.print(r, w);
            return;
        }
        LatentUsage latent = r.latent();
        w.printf(Locale.ROOT, "test negative ELBO     %10.3f nats (%d images)%n", r.test().negativeElbo(),
                r.test().examples());
        w.printf(Locale.ROOT, "  reconstruction       %10.3f%n", r.test().reconstruction());
        w.printf(Locale.ROOT, "  KL                   %10.3f%n", r.test().kl());
        w.printf(Locale.ROOT, "NLL, K=%-5d           %10.3f nats (first %d test images)%n", r.k(),
                r.negativeLogLikelihood(), r.images());
        w.printf(Locale.ROOT, "active units           %6d of %d (Var_x E[z_u|x] > %s)%n", latent.activeUnits(),
                latent.latentSize(), LatentUsage.ACTIVE_THRESHOLD);
        w.printf(Locale.ROOT, "time                   %10.2f s on %d threads (negative ELBO %.2f s, latent means "
                + "%.2f s, NLL %.2f s)%n", r.seconds(), r.threads(), r.passSeconds().negativeElbo(),
                r.passSeconds().latentMeans(), r.passSeconds().nll());
        w.printf("%n%9s %10s %14s %7s%n", "dimension", "KL (nats)", "Var_x E[z|x]", "active");
        double[] kl = latent.klPerDimension();
        double[] activity = latent.posteriorMeanVariance();
        for (int u = 0; u < kl.length; u++) {
            w.printf(Locale.ROOT, "%9d %10.3f %14.4f %7s%n", u + 1, kl[u], activity[u], latent.isActive(u) ? "yes" : "no");
        }
    }

    static Map<String, Object> json(Result r) {
        if (r.autoencoder()) {
            return AutoencoderReport.json(r);
        }
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
