package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.IdxRecordReader;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.pictures.ImageGrid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vae preview}: class counts of both splits and a PNG grid of the first training images. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Print where the data comes from and its class counts; write a PNG grid of training images.")
public final class PreviewCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "PNG to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "preview.png");

    @Option(names = "--images", description = "Number of images in the grid, 1..400 (default: ${DEFAULT-VALUE}).")
    int images = 64;

    @Mixin
    DebugOption debug = new DebugOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What the preview found. */
    public record Result(IdxDataSource source, long[] trainCounts, long[] testCounts, Path grid) {
    }

    @Override
    public Integer call() throws Exception {
        Result result = preview(data.locate(), images, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("data: %s (%s: %s)%n", result.source().id(), result.source().origin(), result.source().location());
        w.printf("%-14s %8s %8s%n", "class", "train", "test");
        for (int c = 0; c < result.trainCounts().length; c++) {
            w.printf("%-14s %8d %8d%n", result.source().classNames().get(c), result.trainCounts()[c],
                    result.testCounts()[c]);
        }
        w.printf("%-14s %8d %8d%n", "total", sum(result.trainCounts()), sum(result.testCounts()));
        w.printf("wrote %s%n", result.grid());
        w.flush();
        return 0;
    }

    /** Counts classes of both splits and writes a grid of the first {@code count} training images. */
    public static Result preview(IdxDataSource source, int count, Path grid) throws Exception {
        if (count < 1 || count > 400) {
            throw new IllegalArgumentException("--images must be in [1, 400], got " + count);
        }
        long[] train = VaeData.classCounts(source, Split.TRAIN);
        long[] test = VaeData.classCounts(source, Split.TEST);
        IdxRecordReader reader = IdxRecordReader.of(source.images(Split.TRAIN), source.labels(Split.TRAIN));
        DataSet all = VaeData.load(source, Split.TRAIN, Preprocessing.defaults(), 0);
        int n = (int) Math.min(count, all.numExamples());
        INDArray first = all.getFeatures().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        ImageGrid.write(first, reader.height(), reader.width(), (int) Math.ceil(Math.sqrt(n)), 3, grid);
        return new Result(source, train, test, grid);
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }
}
