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
 * {@code width} bits with 5% of its bits flipped; the prototype is its class.
 */
final class SyntheticData {
    private SyntheticData() {
    }

    static INDArray patterns(int n, int width, long seed) {
        return labelled(n, width, seed).getFeatures();
    }

    /** {@link #patterns} with each example's prototype as its one-hot label {@code [n, 4]}, the same features. */
    static DataSet labelled(int n, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][width];
        int[] prototypes = new int[n];
        for (int i = 0; i < n; i++) {
            int prototype = random.nextInt(4);
            prototypes[i] = prototype;
            for (int j = 0; j < width; j++) {
                boolean on = (j * 4 / width) == prototype || (j % 4 == prototype);
                if (random.nextDouble() < 0.05) {
                    on = !on;
                }
                rows[i][j] = on ? 1 : 0;
            }
        }
        return new DataSet(Nd4j.createFromArray(rows).castTo(DataType.FLOAT), OneHot.of(prototypes, 4));
    }

    /** Batches of {@code data}'s features with its labels (one-hot classes). */
    static ListDataSetIterator<DataSet> iterator(DataSet data, int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        for (long start = 0; start < data.numExamples(); start += batchSize) {
            long end = Math.min(data.numExamples(), start + batchSize);
            var rows = org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end);
            var all = org.nd4j.linalg.indexing.NDArrayIndex.all();
            batches.add(new DataSet(data.getFeatures().get(rows, all).dup(), data.getLabels().get(rows, all).dup()));
        }
        return new ListDataSetIterator<>(batches, 1);
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
