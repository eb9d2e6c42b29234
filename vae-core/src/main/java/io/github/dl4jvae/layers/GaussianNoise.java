package io.github.dl4jvae.layers;

import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standard normal noise addressed by (seed, vertex name, stream, counter): the same address always gives the
 * same numbers, on every backend, without ND4J's global RNG. Arrays are created outside any workspace, so a
 * vertex may keep one from its forward pass to its backward pass.
 */
final class GaussianNoise {
    /** Noise of a training forward pass, addressed by the network's iteration count. */
    static final long TRAINING = 1;
    /** Noise of an inference forward pass with sampling switched on, addressed by a per-vertex counter. */
    static final long INFERENCE = 2;

    private GaussianNoise() {
    }

    /**
     * The seed of one draw: {@link Seeds#derive} of the vertex's seed at ({@link Streams#VERTEX}, the vertex name's
     * hash, stream, counter).
     */
    static long address(long seed, String vertexName, long stream, long counter) {
        return Seeds.derive(seed, Streams.VERTEX, vertexName == null ? 0 : vertexName.hashCode(), stream, counter);
    }

    /** {@code [rows, columns]} N(0, 1) draws of the given type, detached from every workspace. */
    static INDArray draw(long address, DataType dataType, long rows, long columns) {
        SplittableRandom random = new SplittableRandom(address);
        double[] values = new double[Math.toIntExact(rows * columns)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray array = Nd4j.create(values, new long[] {rows, columns}, DataType.DOUBLE);
            return dataType == DataType.DOUBLE ? array : array.castTo(dataType);
        }
    }
}
