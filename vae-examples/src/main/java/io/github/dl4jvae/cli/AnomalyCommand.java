package io.github.dl4jvae.cli;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.eval.AnomalyScore;
import io.github.dl4jvae.eval.AnomalyScores;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.pictures.AnomalyPicture;
import io.github.dl4jvae.pictures.RunPictures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae anomaly}: scores every image of a split by how improbable the model finds it ({@link AnomalyScores}),
 * writes the scores as CSV ({@value #CSV_HEADER}) and a PNG of the most and least anomalous images, and prints
 * the mean score of each class. A conditional model scores each image given its own label.
 */
@Command(name = "anomaly", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score each image by negative ELBO or importance-sampled NLL (higher: more anomalous).",
            "Writes anomaly-scores.csv and anomalies.png (the most and least anomalous images)."})
public final class AnomalyCommand implements Callable<Integer> {
    /** Header of the CSV file: the image's index in the split, its class index and name, its score in nats. */
    public static final String CSV_HEADER = "index,label,class,score";

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--score", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    AnomalyScore score = AnomalyScore.NEGATIVE_ELBO;

    @Option(names = "--k", description = "Importance samples per image for --score NLL (default: ${DEFAULT-VALUE}).")
    int k = 100;

    @Option(names = "--split", description = "Images from ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Split split = Split.TEST;

    @Option(names = "--limit", description = "Score only the first N images (default: all).")
    Integer limit;

    @Option(names = "--show", description = "Images in each panel of anomalies.png (default: ${DEFAULT-VALUE}).")
    int show = 16;

    @Mixin
    BinarizationOption binarization = new BinarizationOption();

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for anomaly-scores.csv and anomalies.png "
            + "(default: the model's).")
    Path out;

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The scores, the class of each image, and the files written. */
    public record Result(AnomalyScores scores, int[] labels, List<String> classNames, Path csv, Path picture) {
    }

    @Override
    public Integer call() throws Exception {
        Path directory = out != null ? out : model.directory();
        Result r = detect(model.load(), data.locate(), split, score, k, limit, show, binarization.resolve(model),
                directory);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "scored %d %s images by %s: mean %.3f nats%n", r.scores().size(),
                split.name().toLowerCase(Locale.ROOT), score == AnomalyScore.NLL ? "NLL, K=" + k : "negative ELBO",
                r.scores().mean());
        w.printf("%n%-14s %8s %12s%n", "class", "images", "mean score");
        double[] values = r.scores().scores();
        for (int c = 0; c < r.classNames().size(); c++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < values.length; i++) {
                if (r.labels()[i] == c) {
                    sum += values[i];
                    n++;
                }
            }
            if (n > 0) {
                w.printf(Locale.ROOT, "%-14s %8d %12.3f%n", r.classNames().get(c), n, sum / n);
            }
        }
        w.printf("%nmost anomalous:%n");
        for (int i : r.scores().mostAnomalous(5)) {
            w.printf(Locale.ROOT, "  #%-6d %-14s %10.3f%n", i, r.classNames().get(r.labels()[i]), values[i]);
        }
        w.printf("wrote %s and %s%n", r.csv(), r.picture());
        w.flush();
        return 0;
    }

    /** Scores the images of {@code split} and writes {@code anomaly-scores.csv} and {@code anomalies.png}. */
    public static Result detect(VaeModel model, IdxDataSource source, Split split, AnomalyScore score, int k,
                                Integer limit, int show, Preprocessing.Binarization binarization, Path directory)
            throws IOException {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        }
        if (show < 1 || show > 64) {
            throw new IllegalArgumentException("--show must be in [1, 64], got " + show);
        }
        DataSet all = VaeData.load(source, split, Preprocessing.defaults().withBinarization(binarization),
                model.config().seed());
        int n = limit == null ? all.numExamples() : Math.min(limit, all.numExamples());
        INDArray images = all.getFeatures().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        INDArray oneHot = RunPictures.condition(model, all, n);
        AnomalyScores scores = AnomalyScores.compute(model, images, oneHot, score, k, 500);
        int[] labels = RunPictures.labels(all, n);
        Files.createDirectories(directory);
        Path csv = directory.resolve("anomaly-scores.csv");
        writeCsv(scores, labels, source.classNames(), csv);
        Path picture = directory.resolve("anomalies.png");
        InputShape shape = model.config().inputShape();
        AnomalyPicture.write(images, scores, Math.min(show, n), shape.height(), shape.width(), picture);
        return new Result(scores, labels, source.classNames(), csv, picture);
    }

    static void writeCsv(AnomalyScores scores, int[] labels, List<String> classNames, Path file) throws IOException {
        StringBuilder text = new StringBuilder(CSV_HEADER).append('\n');
        double[] values = scores.scores();
        for (int i = 0; i < values.length; i++) {
            String name = classNames.get(labels[i]);
            if (name.contains(",") || name.contains("\"")) {
                name = '"' + name.replace("\"", "\"\"") + '"';
            }
            text.append(String.format(Locale.ROOT, "%d,%d,%s,%.4f%n", i, labels[i], name, values[i]));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
