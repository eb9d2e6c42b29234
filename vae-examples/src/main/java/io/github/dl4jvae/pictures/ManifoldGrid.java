package io.github.dl4jvae.pictures;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The learned 2-D latent manifold (Kingma &amp; Welling 2013, figure 4): the decoder's mean at a
 * {@code side x side} grid of codes z = (Phi^-1(p1), Phi^-1(p2)), p evenly spaced in [0.05, 0.95], where Phi is
 * the standard normal CDF, so the grid covers the prior's central 90% in each direction with equal prior mass
 * between neighbours. z1 grows from left to right, z2 from bottom to top.
 */
public final class ManifoldGrid {
    /** Prior mass left out at each end of each axis. */
    static final double TAIL = 0.05;

    private ManifoldGrid() {
    }

    /**
     * The grid's codes, row by row from the top: {@code [side*side, 2]}.
     *
     * @throws IllegalArgumentException if {@code side < 2}
     */
    public static INDArray codes(int side) {
        if (side < 2) {
            throw new IllegalArgumentException("manifold grid side must be >= 2, got " + side);
        }
        double[] quantiles = new double[side];
        for (int i = 0; i < side; i++) {
            double p = TAIL + (1 - 2 * TAIL) * i / (side - 1);
            quantiles[i] = Math.sqrt(2) * Erf.erfInv(2 * p - 1);
        }
        double[][] z = new double[side * side][2];
        for (int row = 0; row < side; row++) {
            for (int column = 0; column < side; column++) {
                z[row * side + column][0] = quantiles[column];
                z[row * side + column][1] = quantiles[side - 1 - row];
            }
        }
        return Nd4j.createFromArray(z).castTo(DataType.FLOAT);
    }

    /**
     * Decodes the grid and writes it as PNG.
     *
     * @throws IllegalArgumentException if the model's latent space is not 2-D
     */
    public static void write(VaeModel model, int side, int scale, Path file) throws IOException {
        if (model.config().latentSize() != 2) {
            throw new IllegalArgumentException("the manifold grid needs a 2-D latent space; this model has "
                    + model.config().latentSize() + " latent dimensions");
        }
        InputShape shape = model.config().inputShape();
        ImageGrid.write(model.decode(codes(side)), shape.height(), shape.width(), side, scale, file);
    }
}
