package io.github.dl4jvae.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences of a SameDiff scalar loss with respect to every entry of the named parameters,
 * compared with SameDiff's analytic gradient. Written for tests in double precision: step 1e-6 gives a
 * truncation error ~1e-12 relative, so a relative error above ~1e-6 means a wrong gradient, not noise.
 * (ND4J's GradCheckUtil insists on gradients for every placeholder, which graphs with inputs that do not
 * reach the loss do not have.)
 */
public final class FiniteDifferenceCheck {
    private FiniteDifferenceCheck() {
    }

    /** One entry whose analytic and numerical gradients disagree. */
    public record Mismatch(String parameter, long index, double analytic, double numerical) {
    }

    /**
     * @return every entry whose relative error |a - n| / (|a| + |n|) exceeds {@code maxRelativeError} and whose
     * absolute error exceeds {@code minAbsoluteError}
     */
    public static List<Mismatch> check(SameDiff sd, Map<String, INDArray> placeholders, String loss,
                                       Collection<String> parameters, double step, double maxRelativeError,
                                       double minAbsoluteError) {
        Map<String, INDArray> gradients = sd.calculateGradients(placeholders, parameters);
        List<Mismatch> mismatches = new ArrayList<>();
        for (String name : parameters) {
            INDArray parameter = sd.getVariable(name).getArr();
            if (parameter.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("finite differences need DOUBLE parameters; " + name + " is "
                        + parameter.dataType());
            }
            INDArray gradient = gradients.get(name);
            INDArray flat = parameter.reshape(parameter.length());
            INDArray flatGradient = gradient.reshape(gradient.length());
            for (long i = 0; i < flat.length(); i++) {
                double original = flat.getDouble(i);
                flat.putScalar(i, original + step);
                double plus = sd.output(placeholders, loss).get(loss).getDouble(0);
                flat.putScalar(i, original - step);
                double minus = sd.output(placeholders, loss).get(loss).getDouble(0);
                flat.putScalar(i, original);
                double numerical = (plus - minus) / (2 * step);
                double analytic = flatGradient.getDouble(i);
                double absolute = Math.abs(analytic - numerical);
                double relative = absolute == 0 ? 0 : absolute / (Math.abs(analytic) + Math.abs(numerical));
                if (!(relative <= maxRelativeError || absolute <= minAbsoluteError)) {
                    mismatches.add(new Mismatch(name, i, analytic, numerical));
                }
            }
        }
        return mismatches;
    }
}
