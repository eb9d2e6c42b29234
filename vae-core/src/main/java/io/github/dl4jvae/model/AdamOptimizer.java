package io.github.dl4jvae.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
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
        for (String name : moments.keySet()) {
            if (FeatureChecks.hasNonFinite(gradients.get(name))) {
                return false;
            }
        }
        double t = iteration + 1.0;
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        for (Map.Entry<String, Moments> entry : moments.entrySet()) {
            INDArray parameter = sd.getVariable(entry.getKey()).getArr();
            INDArray target = contiguous(parameter);
            entry.getValue().update(contiguous(gradients.get(entry.getKey())), target, stepSize);
            if (target != parameter) {
                parameter.assign(target);
            }
        }
        return true;
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

        /** Updates the moments with the gradient, and the parameter's values in place. */
        void update(INDArray gradient, INDArray parameter, double stepSize);

        INDArray state();

        void restore(INDArray row);
    }

    /** {@link Moments} of a FLOAT parameter. */
    private static final class FloatMoments implements Moments {
        private final float[] m;
        private final float[] v;
        private final float[] gradient;
        private final float[] values;

        FloatMoments(int size) {
            m = new float[size];
            v = new float[size];
            gradient = new float[size];
            values = new float[size];
        }

        @Override
        public int size() {
            return m.length;
        }

        @Override
        public void update(INDArray source, INDArray parameter, double stepSize) {
            source.data().asNioFloat().get(0, gradient);
            FloatBuffer buffer = parameter.data().asNioFloat();
            buffer.get(0, values);
            float b1 = (float) BETA1;
            float b2 = (float) BETA2;
            float a = (float) stepSize;
            float eps = (float) EPSILON;
            for (int i = 0; i < values.length; i++) {
                float g = gradient[i];
                float mi = b1 * m[i] + g * (1 - b1);
                float vi = b2 * v[i] + g * g * (1 - b2);
                m[i] = mi;
                v[i] = vi;
                values[i] -= mi * a / ((float) Math.sqrt(vi) + eps);
            }
            buffer.put(0, values);
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
        private final double[] values;

        DoubleMoments(int size) {
            m = new double[size];
            v = new double[size];
            gradient = new double[size];
            values = new double[size];
        }

        @Override
        public int size() {
            return m.length;
        }

        @Override
        public void update(INDArray source, INDArray parameter, double stepSize) {
            source.data().asNioDouble().get(0, gradient);
            DoubleBuffer buffer = parameter.data().asNioDouble();
            buffer.get(0, values);
            for (int i = 0; i < values.length; i++) {
                double g = gradient[i];
                double mi = BETA1 * m[i] + g * (1 - BETA1);
                double vi = BETA2 * v[i] + g * g * (1 - BETA2);
                m[i] = mi;
                v[i] = vi;
                values[i] -= mi * stepSize / (Math.sqrt(vi) + EPSILON);
            }
            buffer.put(0, values);
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
