package io.github.dl4jvae.graph;

import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Creates trainable variables initialised from the caller's seed (never ND4J's global RNG): weights and
 * biases ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)), PyTorch's default for linear and convolution layers, and normal values
 * (the VampPrior's pseudo-inputs).
 */
final class ParameterFactory {
    private final SameDiff sd;
    private final DataType dataType;
    private final SplittableRandom random;

    ParameterFactory(SameDiff sd, DataType dataType, long seed) {
        this.sd = sd;
        this.dataType = dataType;
        this.random = Seeds.generator(seed, Streams.PARAMETERS);
    }

    SDVariable uniform(String name, long fanIn, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double bound = 1.0 / Math.sqrt(fanIn);
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return sd.var(name, Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType));
    }

    /** A variable of independent N(mean, std^2) values, from the same stream. */
    SDVariable normal(String name, double mean, double std, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * random.nextGaussian();
        }
        return sd.var(name, Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType));
    }
}
