package io.github.dl4jvae.pictures;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Class-conditional samples of a conditional VAE (Sohn, Lee and Yan 2015): one row per class c, its images the
 * decoder's mean p(x|z, c) at prior draws z. Every row uses the same draws, so a column shows one z under each
 * class: what the label controls changes down a column, what z controls (the style) stays.
 */
public final class ClassSamples {

    private ClassSamples() {
    }

    /**
     * The decoded samples, row-major by class: {@code [classes * perClass, D]}.
     *
     * @throws IllegalArgumentException if the model is unconditional or {@code perClass < 1}
     */
    public static INDArray decode(VaeModel model, int perClass, long seed) {
        int classes = model.config().conditionClasses();
        if (classes == 0) {
            throw new IllegalArgumentException("class-conditional samples need a conditional model; this model is "
                    + "unconditional (conditionClasses 0)");
        }
        List<INDArray> rows = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            rows.add(model.sample(perClass, c, seed));
        }
        return Nd4j.vstack(rows);
    }

    /** Writes {@link #decode} as a PNG grid with {@code perClass} columns and one row per class. */
    public static void write(VaeModel model, int perClass, long seed, int scale, Path file) throws IOException {
        InputShape shape = model.config().inputShape();
        ImageGrid.write(decode(model, perClass, seed), shape.height(), shape.width(), perClass, scale, file);
    }
}
