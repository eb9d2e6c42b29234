// The latent space: train a VAE with a 2-D latent space, then look inside it: where the test images land, what
// the decoder draws across the space, how many latent dimensions a bigger model actually uses.
//
//   bin/notebook latent-space
//
// Settings: -Dnotebook.tiny=true (the test suite) trains one epoch of small networks on the embedded subset;
// -Dnotebook.out=DIR changes where the files go (default runs/notebooks/latent-space).

import io.github.dl4jvae.config.*;
import io.github.dl4jvae.data.*;
import io.github.dl4jvae.eval.LatentUsage;
import io.github.dl4jvae.model.*;
import io.github.dl4jvae.pictures.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

boolean tiny = Boolean.getBoolean("notebook.tiny");
Path out = Files.createDirectories(Path.of(System.getProperty("notebook.out", "runs/notebooks/latent-space")));
IdxDataSource data = tiny ? FashionMnist.embeddedSubset() : FashionMnist.locate(null);
int epochs = tiny ? 1 : 10;
int hidden = tiny ? 32 : 400;

// 1. A VAE with two latent dimensions, so that the latent space can be drawn as it is.
VaeModel flat = VaeModel.create(VaeConfig.builder().network(NetworkConfig.mlp(hidden)).latentSize(2).build());
flat.fit(VaeData.iterator(data, Split.TRAIN, 128, Preprocessing.defaults().withShuffle(true), 42), epochs);

// 2. Encode the test images: q(z|x) is a Gaussian with a mean and a log-variance per latent dimension.
DataSet test = VaeData.load(data, Split.TEST, Preprocessing.defaults(), 43);
Encoding q = flat.encode(test.getFeatures());
int[] labels = RunPictures.labels(test, test.numExamples());
double[][] means = q.mean().castTo(DataType.DOUBLE).toDoubleMatrix();
System.out.printf("%d test images encoded to means of shape %s%n", means.length, Arrays.toString(q.mean().shape()));

// 3. The posterior means coloured by class (XChart): similar garments land close together.
LatentScatterPlot.write(means, labels, data.classNames(), "2-D latent space, " + data.id(),
        out.resolve("latent-space.png"));

// 4. The decoded manifold: the decoder's image at a 20 x 20 grid covering the prior's central 90% (Kingma &
//    Welling 2013, figure 4).
ManifoldGrid.write(flat, 20, 1, out.resolve("manifold.png"));

// 5. Straight lines in latent space between test images of different classes, decoded.
int[][] pairs = Interpolations.pairsOfDifferentClasses(labels, 6);
Interpolations.write(flat, test.getFeatures(), pairs, 10, 2, out.resolve("interpolations.png"));

// 6. How many dimensions does a 20-D model use? A dimension is active when its posterior mean varies over the
//    data (variance > 0.01, Burda et al. 2015); inactive ones stay at the prior and carry KL ~ 0.
VaeModel wide = VaeModel.create(VaeConfig.builder().network(NetworkConfig.mlp(hidden)).latentSize(20).build());
wide.fit(VaeData.iterator(data, Split.TRAIN, 128, Preprocessing.defaults().withShuffle(true), 42), epochs);
LatentUsage usage = LatentUsage.of(wide.encode(test.getFeatures()));
System.out.printf("active units: %d of %d; KL %.2f nats in all%n", usage.activeUnits(), usage.latentSize(),
        usage.totalKl());
double[] kl = usage.klPerDimension();
for (int u = 0; u < kl.length; u++) {
    System.out.printf("  z%-2d KL %6.3f nats  %s%n", u + 1, kl[u], usage.isActive(u) ? "active" : "inactive");
}

// The same picture for the 20-D model, through its first two principal components.
LatentScatterPlot.write(wide.encode(test.getFeatures()).mean().castTo(DataType.DOUBLE).toDoubleMatrix(), labels,
        data.classNames(), "20-D latent space (PCA), " + data.id(), out.resolve("latent-space-pca.png"));
System.out.println("wrote latent-space.png, manifold.png, interpolations.png, latent-space-pca.png to " + out);
