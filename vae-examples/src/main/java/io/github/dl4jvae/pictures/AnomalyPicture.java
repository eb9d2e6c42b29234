package io.github.dl4jvae.pictures;

import io.github.dl4jvae.eval.AnomalyScore;
import io.github.dl4jvae.eval.AnomalyScores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The inputs a model finds most and least probable: two titled panels, the {@code count} highest-scoring
 * (most anomalous first) and the {@code count} lowest-scoring inputs (most typical first).
 */
public final class AnomalyPicture {

    private AnomalyPicture() {
    }

    /**
     * Writes the picture.
     *
     * @param images the scored inputs {@code [n, H*W]}, in the order of {@code scores}
     */
    public static void write(INDArray images, AnomalyScores scores, int count, int height, int width, Path file)
            throws IOException {
        if (images.size(0) != scores.size()) {
            throw new IllegalArgumentException(images.size(0) + " images but " + scores.size() + " scores; expected "
                    + "one score per image");
        }
        int[] most = scores.mostAnomalous(count);
        int[] least = scores.leastAnomalous(count);
        double[] values = scores.scores();
        String what = scores.method() == AnomalyScore.NLL ? "NLL, K=" + scores.k() : "negative ELBO";
        String mostTitle = String.format(Locale.ROOT, "most anomalous: %s %.1f to %.1f nats", what,
                values[most[0]], values[most[most.length - 1]]);
        String leastTitle = String.format(Locale.ROOT, "least anomalous: %s %.1f to %.1f nats", what,
                values[least[0]], values[least[least.length - 1]]);
        int columns = Math.min(count, 8);
        ImageGrid.write(List.of(new ImageGrid.Panel(mostTitle, images.get(NDArrayIndex.indices(toLong(most)),
                        NDArrayIndex.all())),
                new ImageGrid.Panel(leastTitle, images.get(NDArrayIndex.indices(toLong(least)), NDArrayIndex.all()))),
                height, width, columns, 2, file);
    }

    private static long[] toLong(int[] indices) {
        long[] result = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            result[i] = indices[i];
        }
        return result;
    }
}
