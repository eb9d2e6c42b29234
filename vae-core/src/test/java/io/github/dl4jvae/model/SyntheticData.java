package io.github.dl4jvae.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small binary data with structure a VAE can learn: each example is one of four prototype patterns of
 * {@code width} bits with 5% of its bits flipped.
 */
final class SyntheticData {
    private SyntheticData() {
    }

    static INDArray patterns(int n, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][width];
        for (int i = 0; i < n; i++) {
            int prototype = random.nextInt(4);
            for (int j = 0; j < width; j++) {
                boolean on = (j * 4 / width) == prototype || (j % 4 == prototype);
                if (random.nextDouble() < 0.05) {
                    on = !on;
                }
                rows[i][j] = on ? 1 : 0;
            }
        }
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }

    static ListDataSetIterator<DataSet> iterator(INDArray features, int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        for (long start = 0; start < features.size(0); start += batchSize) {
            long end = Math.min(features.size(0), start + batchSize);
            INDArray rows = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
            batches.add(new DataSet(rows, rows));
        }
        return new ListDataSetIterator<>(batches, 1);
    }
}
