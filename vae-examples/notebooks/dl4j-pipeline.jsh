// A DL4J pipeline: the VAE as an ordinary ComputationGraph built from this project's custom vertices and loss
// (ReparameterizationVertex, KlDivergenceVertex, ElboLoss), fed by DataVec, trained with fit() and a listener,
// saved with ModelSerializer, its encoder reused in a classifier through TransferLearning, and its weights moved
// into the SameDiff VaeModel for sampling and the importance-sampled likelihood.
//
//   bin/notebook dl4j-pipeline
//
// Settings: -Dnotebook.tiny=true (the test suite) trains one epoch of a small network on the embedded subset;
// -Dnotebook.out=DIR changes where the files go (default runs/notebooks/dl4j-pipeline).

import io.github.dl4jvae.config.*;
import io.github.dl4jvae.data.*;
import io.github.dl4jvae.layers.*;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.pictures.ImageGrid;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.listeners.CollectScoresListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;

boolean tiny = Boolean.getBoolean("notebook.tiny");
Path out = Files.createDirectories(Path.of(System.getProperty("notebook.out", "runs/notebooks/dl4j-pipeline")));
IdxDataSource data = tiny ? FashionMnist.embeddedSubset() : FashionMnist.locate(null);
int epochs = tiny ? 1 : 10;

// 1. Data: DataVec's RecordReaderDataSetIterator over the IDX record reader. A VAE reconstructs its input, so
//    FeaturesAsLabelsIterator hands the images to the loss layer as labels.
DataSetIterator train = new FeaturesAsLabelsIterator(
        VaeData.iterator(data, Split.TRAIN, 128, Preprocessing.defaults().withShuffle(true), 42));
DataSet test = VaeData.load(data, Split.TEST, Preprocessing.defaults(), 43);
DataSet testAsVae = new DataSet(test.getFeatures(), test.getFeatures());

// 2. The network: the same configuration object as the SameDiff model, built as a ComputationGraph.
VaeConfig config = VaeConfig.builder().network(NetworkConfig.mlp(tiny ? 32 : 400)).latentSize(20).seed(42).build();
ComputationGraph vae = VaeNetworkBuilder.of(config).build();
System.out.println(vae.getConfiguration().getVertices().keySet());
System.out.printf("%d parameters%n", vae.numParams());

// 3. Train with fit(), a listener collecting the score (the minibatch's mean negative ELBO, nats) every 10 steps.
CollectScoresListener scores = new CollectScoresListener(10);
vae.setListeners(scores);
vae.fit(train, epochs);
System.out.printf("score: %.1f after the first step, %.1f after the last%n", scores.getListScore().getDouble(0),
        scores.getListScore().getDouble(scores.getListScore().size() - 1));

// 4. Test negative ELBO with z at the posterior mean (the network's inference mode), and per-example scores.
double testScore = vae.score(testAsVae);
INDArray perExample = vae.scoreExamples(testAsVae, false);
System.out.printf("test score %.2f nats; per-example scores %s, highest %.1f%n", testScore,
        Arrays.toString(perExample.shape()), perExample.maxNumber().doubleValue());

// 5. Save and restore with DL4J's ModelSerializer: the custom vertices and loss travel with the configuration.
File file = out.resolve("vae-network.zip").toFile();
ModelSerializer.writeModel(vae, file, true);
ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
restored.outputSingle(test.getFeatures()).equals(vae.outputSingle(test.getFeatures()))

// 6. The encoder as a pretrained feature extractor: TransferLearning cuts the graph after the latent mean and adds
//    a softmax layer; only that layer trains.
ComputationGraph classifier = VaeEncoders.classifier(restored, data.numClasses(), true, new Adam(1e-2), 42);
DataSet labelled = VaeData.load(data, Split.TRAIN, Preprocessing.defaults(), 42);
for (int i = 0; i < (tiny ? 20 : 100); i++) {
    classifier.fit(labelled);
}
Evaluation accuracy = classifier.evaluate(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
        test.batchBy(500), 1));
System.out.printf("test accuracy of a linear classifier on the latent means: %.3f (chance 0.1)%n",
        accuracy.accuracy());

// 7. The same weights in the SameDiff model, for what the DL4J network does not offer: samples from the prior and
//    the importance-sampled negative log-likelihood (Burda et al. 2015).
VaeModel model = ParameterTransfer.toVaeModel(restored, config);
ImageGrid.write(model.sample(64, 7), 28, 28, 8, 2, out.resolve("samples.png"));
INDArray first100 = test.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
System.out.printf("NLL, K=%d, first 100 test images: %.2f nats%n", tiny ? 10 : 1000,
        -model.logLikelihood(first100, tiny ? 10 : 1000).meanNumber().doubleValue());
System.out.println("wrote " + file + " and " + out.resolve("samples.png"));
