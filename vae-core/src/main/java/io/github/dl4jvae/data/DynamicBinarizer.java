package io.github.dl4jvae.data;

import io.github.dl4jvae.random.Seeds;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dynamic binarization: replaces each [0,1] feature {@code p} by a draw {@code x ~ Bernoulli(p)}
 * ({@code x = 1 if u < p}, {@code u ~ Uniform[0,1)}), afresh for every batch it sees, so that each epoch
 * sees different binary images (Salakhutdinov and Murray 2008). Apply after {@link UnitScaler}.
 *
 * <p>Reproducible: batch {@code k} (counted from 0 since construction) is drawn from a
 * {@link SplittableRandom} seeded with a mix of the caller's seed and {@code k}, so a fresh binarizer with
 * the same seed fed the same batches gives the same results, and the global ND4J RNG is never used.
 * Resetting an iterator does not restart the sequence (epochs differ). Thread-safe; serializable (the state is
 * the seed and the batch counter).
 */
public final class DynamicBinarizer implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    private final long seed;
    private long batches;

    /** @param seed seed of the Bernoulli draws */
    public DynamicBinarizer(long seed) {
        this(seed, 0);
    }

    /**
     * A binarizer whose first batch is batch {@code firstBatch} of the sequence: the one a binarizer with the same
     * seed reaches after {@code firstBatch} batches (a resumed run's, without reading the batches before).
     *
     * @throws IllegalArgumentException if {@code firstBatch < 0}
     */
    public DynamicBinarizer(long seed, long firstBatch) {
        if (firstBatch < 0) {
            throw new IllegalArgumentException("first batch " + firstBatch + " is invalid; expected >= 0");
        }
        this.seed = seed;
        this.batches = firstBatch;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /**
     * Binarizes the features.
     *
     * @throws IllegalArgumentException if a feature is outside [0,1] (unscaled pixels?) or not a number
     */
    @Override
    public void preProcess(DataSet dataSet) {
        INDArray features = dataSet.getFeatures();
        long batchIndex;
        synchronized (this) {
            batchIndex = batches++;
        }
        dataSet.setFeatures(sample(features, batchIndex));
    }

    private INDArray sample(INDArray probabilities, long batchIndex) {
        double[] p = Nd4j.toFlattened('c', probabilities).toDoubleVector();
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, batchIndex));
        double[] x = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
                throw new IllegalArgumentException("dynamic binarization needs features in [0,1] (Bernoulli"
                        + " probabilities) but feature " + i + " of the batch is " + p[i] + "; scale pixels first");
            }
            x[i] = rng.nextDouble() < p[i] ? 1.0 : 0.0;
        }
        return Nd4j.create(x, probabilities.shape(), 'c').castTo(probabilities.dataType());
    }
}
