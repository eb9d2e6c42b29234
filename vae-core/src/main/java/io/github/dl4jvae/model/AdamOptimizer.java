package io.github.dl4jvae.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba 2015; beta1 0.9, beta2 0.999, epsilon 1e-8, PyTorch's defaults) over the graph's
 * parameters, with the arithmetic of ND4J's {@code adam_updater} op (DL4J's {@code AdamUpdater}): at step
 * {@code t = iteration + 1}, {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2} and
 * {@code p -= a_t m / (sqrt(v) + epsilon)} with {@code a_t = lr sqrt(1 - b2^t) / (1 - b1^t)}.
 *
 * <p>The moments live on the Java heap and each step copies the gradients in and the parameters in and out, so the
 * update is one loop the JIT vectorizes. ND4J M2.1's native op spends about 5 ns per value on one thread (3.6 ms
 * per step for the zoo's 652,424-parameter MLP); this loop with its copies about 0.4 ms
 * ({@code docs/benchmarks/profile.md}). Gradients are checked for NaN and infinity before any update by the BLAS
 * sum of {@link FeatureChecks}, not in a Java loop, which the JIT would not vectorize. The state of a parameter is
 * one row {@code [1, 2 * size]}, first moment then second, each in the parameter's c order: DL4J's layout, which
 * saved models hold.
 */
final class AdamOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** Values per chunk of an update: a chunk's copies and loop take ~50 us on one core. */
    static final int CHUNK = 1 << 16;

    private final SameDiff sd;
    private final double learningRate;
    private final Map<String, Moments> moments = new LinkedHashMap<>();

    AdamOptimizer(SameDiff sd, List<String> parameters, double learningRate) {
        this.sd = sd;
        this.learningRate = learningRate;
        for (String name : parameters) {
            INDArray parameter = sd.getVariable(name).getArr();
            int size = Math.toIntExact(parameter.length());
            moments.put(name, parameter.dataType() == DataType.DOUBLE ? new DoubleMoments(size)
                    : new FloatMoments(size));
        }
    }

    /**
     * One step at 0-based {@code iteration}: if every gradient's values are finite, updates the moments and the
     * parameters in place.
     *
     * @return false, with parameters and moments unchanged, when a gradient holds a NaN or an infinity
     */
    boolean step(Map<String, INDArray> gradients, long iteration) {
        return step(List.of(gradients), new double[] {1.0}, iteration, null);
    }

    /**
     * One step on the weighted sum of shard gradients {@code sum_s weights[s] * shards[s]} (summed in shard order,
     * per value, so the result does not depend on which thread updates which values), the update split into chunks
     * of at most {@value #CHUNK} values run on {@code workers} (null: the calling thread).
     *
     * @return false, with parameters and moments unchanged, when a gradient holds a NaN or an infinity
     */
    boolean step(List<Map<String, INDArray>> shards, double[] weights, long iteration, Workers workers) {
        for (Map<String, INDArray> gradients : shards) {
            for (String name : moments.keySet()) {
                if (FeatureChecks.hasNonFinite(gradients.get(name))) {
                    return false;
                }
            }
        }
        double t = iteration + 1.0;
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        List<Update> updates = new ArrayList<>();
        List<Runnable> chunks = new ArrayList<>();
        for (Map.Entry<String, Moments> entry : moments.entrySet()) {
            INDArray parameter = sd.getVariable(entry.getKey()).getArr();
            INDArray[] sources = new INDArray[shards.size()];
            for (int s = 0; s < sources.length; s++) {
                sources[s] = contiguous(shards.get(s).get(entry.getKey()));
            }
            Update update = new Update(parameter, contiguous(parameter));
            updates.add(update);
            Moments m = entry.getValue();
            for (int from = 0; from < m.size(); from += CHUNK) {
                int start = from;
                int end = Math.min(m.size(), from + CHUNK);
                chunks.add(() -> m.update(sources, weights, update.target, stepSize, start, end));
            }
        }
        int parts = workers == null ? 1 : Math.min(workers.threads(), chunks.size());
        Runnable all = () -> chunks.forEach(Runnable::run);
        if (parts == 1) {
            all.run();
        } else {
            workers.run(parts, part -> {
                for (int c = part; c < chunks.size(); c += parts) {
                    chunks.get(c).run();
                }
            });
        }
        for (Update update : updates) {
            if (update.target != update.parameter) {
                update.parameter.assign(update.target);
            }
        }
        return true;
    }

    /** A parameter and the contiguous array its update is written to (itself, or a copy assigned back after). */
    private record Update(INDArray parameter, INDArray target) {
    }

    /** The state rows by parameter name: copies, {@code [1, 2 * size]} each. */
    Map<String, INDArray> state() {
        Map<String, INDArray> rows = new LinkedHashMap<>();
        moments.forEach((name, m) -> rows.put(name, m.state()));
        return rows;
    }

    /** Restores saved state rows; shapes must match. */
    void restore(Map<String, INDArray> saved) {
        for (Map.Entry<String, Moments> entry : moments.entrySet()) {
            INDArray row = saved.get(entry.getKey());
            long[] expected = {1, 2L * entry.getValue().size()};
            if (row == null || !java.util.Arrays.equals(row.shape(), expected)) {
                throw new IllegalArgumentException("optimizer state for " + entry.getKey() + " has shape "
                        + (row == null ? "(missing)" : java.util.Arrays.toString(row.shape())) + ", expected "
                        + java.util.Arrays.toString(expected));
            }
            entry.getValue().restore(contiguous(row));
        }
    }

    /** The array itself when its buffer holds exactly its values in c order, else such a copy. */
    private static INDArray contiguous(INDArray array) {
        boolean plain = !array.isView() && array.ordering() == 'c' && array.data().length() == array.length();
        return plain ? array : array.dup('c');
    }

    /** One parameter's moments, with scratch room for its gradient and values. */
    private interface Moments {
        int size();

        /**
         * Updates values {@code [from, to)} of the moments and, in place, of the parameter with the weighted sum of
         * the shard gradients; calls on disjoint ranges may run at once.
         */
        void update(INDArray[] gradients, double[] weights, INDArray parameter, double stepSize, int from, int to);

        INDArray state();

        void restore(INDArray row);
    }

    /** {@link Moments} of a FLOAT parameter. */
    private static final class FloatMoments implements Moments {
        private final float[] m;
        private final float[] v;
        private final float[] gradient;
        private final float[] shard;
        private final float[] values;

        FloatMoments(int size) {
            m = new float[size];
            v = new float[size];
            gradient = new float[size];
            shard = new float[size];
            values = new float[size];
        }

        @Override
        public int size() {
            return m.length;
        }

        @Override
        public void update(INDArray[] sources, double[] weights, INDArray parameter, double stepSize, int from,
                           int to) {
            int length = to - from;
            sources[0].data().asNioFloat().get(from, gradient, from, length);
            if (sources.length > 1) {
                float w0 = (float) weights[0];
                for (int i = from; i < to; i++) {
                    gradient[i] *= w0;
                }
                for (int s = 1; s < sources.length; s++) {
                    sources[s].data().asNioFloat().get(from, shard, from, length);
                    float w = (float) weights[s];
                    for (int i = from; i < to; i++) {
                        gradient[i] += w * shard[i];
                    }
                }
            }
            FloatBuffer buffer = parameter.data().asNioFloat();
            buffer.get(from, values, from, length);
            float b1 = (float) BETA1;
            float b2 = (float) BETA2;
            float a = (float) stepSize;
            float eps = (float) EPSILON;
            for (int i = from; i < to; i++) {
                float g = gradient[i];
                float mi = b1 * m[i] + g * (1 - b1);
                float vi = b2 * v[i] + g * g * (1 - b2);
                m[i] = mi;
                v[i] = vi;
                values[i] -= mi * a / ((float) Math.sqrt(vi) + eps);
            }
            buffer.put(from, values, from, length);
        }

        @Override
        public INDArray state() {
            INDArray row = Nd4j.create(DataType.FLOAT, 1, 2L * m.length);
            row.data().asNioFloat().put(0, m).put(m.length, v);
            return row;
        }

        @Override
        public void restore(INDArray row) {
            INDArray floats = row.dataType() == DataType.FLOAT ? row : row.castTo(DataType.FLOAT);
            floats.data().asNioFloat().get(0, m).get(m.length, v);
        }
    }

    /** {@link Moments} of a DOUBLE parameter. */
    private static final class DoubleMoments implements Moments {
        private final double[] m;
        private final double[] v;
        private final double[] gradient;
        private final double[] shard;
        private final double[] values;

        DoubleMoments(int size) {
            m = new double[size];
            v = new double[size];
            gradient = new double[size];
            shard = new double[size];
            values = new double[size];
        }

        @Override
        public int size() {
            return m.length;
        }

        @Override
        public void update(INDArray[] sources, double[] weights, INDArray parameter, double stepSize, int from,
                           int to) {
            int length = to - from;
            sources[0].data().asNioDouble().get(from, gradient, from, length);
            if (sources.length > 1) {
                for (int i = from; i < to; i++) {
                    gradient[i] *= weights[0];
                }
                for (int s = 1; s < sources.length; s++) {
                    sources[s].data().asNioDouble().get(from, shard, from, length);
                    for (int i = from; i < to; i++) {
                        gradient[i] += weights[s] * shard[i];
                    }
                }
            }
            DoubleBuffer buffer = parameter.data().asNioDouble();
            buffer.get(from, values, from, length);
            for (int i = from; i < to; i++) {
                double g = gradient[i];
                double mi = BETA1 * m[i] + g * (1 - BETA1);
                double vi = BETA2 * v[i] + g * g * (1 - BETA2);
                m[i] = mi;
                v[i] = vi;
                values[i] -= mi * stepSize / (Math.sqrt(vi) + EPSILON);
            }
            buffer.put(from, values, from, length);
        }

        @Override
        public INDArray state() {
            INDArray row = Nd4j.create(DataType.DOUBLE, 1, 2L * m.length);
            row.data().asNioDouble().put(0, m).put(m.length, v);
            return row;
        }

        @Override
        public void restore(INDArray row) {
            INDArray doubles = row.dataType() == DataType.DOUBLE ? row : row.castTo(DataType.DOUBLE);
            doubles.data().asNioDouble().get(0, m).get(m.length, v);
        }
    }
}
