// Quickstart: train a VAE on Fashion-MNIST, draw samples from it, save it and load it back.
//
//   bin/notebook quickstart                  run it (the full data set if installed, else the embedded subset)
//   bin/notebook quickstart --interactive    run it in jshell and stay there to explore
//
// Settings: -Dnotebook.tiny=true (the test suite) trains one epoch of a small network on the embedded subset;
// -Dnotebook.out=DIR changes where the files go (default runs/notebooks/quickstart).

import io.github.dl4jvae.config.*;
import io.github.dl4jvae.data.*;
import io.github.dl4jvae.model.*;
import io.github.dl4jvae.pictures.ImageGrid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

boolean tiny = Boolean.getBoolean("notebook.tiny");
Path out = Files.createDirectories(Path.of(System.getProperty("notebook.out", "runs/notebooks/quickstart")));

// 1. Data: Fashion-MNIST as the data layer finds it: $VAE_FASHION_MNIST_DIR, Debian's package
//    dataset-fashion-mnist, else the 5000/1000-image subset embedded in vae-core. Pixels are scaled to [0,1].
IdxDataSource data = tiny ? FashionMnist.embeddedSubset() : FashionMnist.locate(null);
DataSetIterator train = VaeData.iterator(data, Split.TRAIN, 128, Preprocessing.defaults().withShuffle(true), 42);
DataSetIterator test = VaeData.iterator(data, Split.TEST, 500, Preprocessing.defaults(), 43);
System.out.println("data: " + data.id() + " from " + data.location());

// 2. The model: the defaults are the 784-400-20 MLP with a Bernoulli decoder, beta 1, Adam at 1e-3, seed 42.
VaeConfig config = VaeConfig.builder().network(NetworkConfig.mlp(tiny ? 32 : 400)).build();
VaeModel vae = VaeModel.create(config);
vae.describeTrainingData(data.id() + "/train");

// 3. Train, with a listener printing a line per epoch. Figures are nats per example; lower is better.
vae.addListener(new TrainingListener() {
    @Override
    public void epochDone(EpochResult r) {
        System.out.printf("epoch %d: train loss %.2f, test negative ELBO %.2f nats, %.1f s%n",
                r.epoch(), r.loss(), r.validation().negativeElbo(), r.seconds());
    }
});
List<EpochResult> epochs = vae.fit(train, tiny ? 1 : 5, test);

// 4. Sixty-four draws from the prior N(0, I), decoded: pixel probabilities, shown as grey levels.
INDArray samples = vae.sample(64, 7);
ImageGrid.write(samples, 28, 28, 8, 2, out.resolve("samples.png"));

// 5. Save (configuration, provenance, weights and Adam state in one file) and load it back.
Path file = out.resolve("model.zip");
vae.save(file);
VaeModel loaded = VaeModel.load(file);

// The loaded model draws the same samples and carries where it came from.
loaded.sample(64, 7).equals(samples)
loaded.provenance()
System.out.println("wrote " + out.resolve("samples.png") + " and " + file);
