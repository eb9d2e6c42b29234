package io.github.dl4jvae.model;

import io.github.dl4jvae.random.Seeds;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standard normal draws for the reparameterization trick and for sampling, from the caller's seed. Each
 * draw is addressed by (stream, counter), the stream one of {@link io.github.dl4jvae.random.Streams}, so a training
 * run resumed at step t draws what an uninterrupted run draws at step t, and the numbers do not depend on the ND4J
 * backend or on any global RNG.
 */
final class NoiseSource {
    private final long seed;

    NoiseSource(long seed) {
        this.seed = seed;
    }

    /** A fresh generator for one (stream, counter) address, seeded by {@link Seeds#derive}. */
    SplittableRandom generator(long stream, long counter) {
        return Seeds.generator(seed, stream, counter);
    }

    /** An array of N(0, 1) draws of the given shape from one generator. */
    static INDArray normal(SplittableRandom random, DataType dataType, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        int size = Math.toIntExact(n);
        if (dataType == DataType.FLOAT) {
            // The same draws rounded to float, without a double array in between.
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = (float) random.nextGaussian();
            }
            return Nd4j.create(values, shape, 'c');
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextGaussian();
        }
        INDArray array = Nd4j.create(values, shape, DataType.DOUBLE);
        if (dataType == DataType.DOUBLE) {
            return array;
        }
        INDArray cast = array.castTo(dataType);
        array.close();
        return cast;
    }
}
