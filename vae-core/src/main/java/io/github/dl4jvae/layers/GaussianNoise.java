package io.github.dl4jvae.layers;

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

    /** A well-mixed 64-bit address for one draw. */
    static long address(long seed, String vertexName, long stream, long counter) {
        long h = mix(seed);
        h = mix(h ^ (vertexName == null ? 0 : vertexName.hashCode()));
        h = mix(h + 0x9E3779B97F4A7C15L * stream);
        return mix(h + 0xC2B2AE3D27D4EB4FL * (counter + 1));
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

    /** The SplitMix64 / MurmurHash3 finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
