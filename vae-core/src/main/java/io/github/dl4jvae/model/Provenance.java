package io.github.dl4jvae.model;

/**
 * Where a trained model came from; saved with it.
 *
 * @param seed           the configuration's seed
 * @param dataSet        identifier of the training data (as given to {@link VaeModel#describeTrainingData}), or
 *                       "unspecified"
 * @param libraryVersion this library's version
 * @param nd4jVersion    the ND4J / DL4J version
 * @param backend        the ND4J backend that trained it (e.g. "CPU")
 * @param created        ISO-8601 instant of the first save
 * @param epochs         epochs trained so far
 * @param iterations     optimizer steps so far
 * @param threads        the threads the last training ran on: the shards of each step, on which the weights depend
 *                       bit for bit (a resumed run uses as many unless told otherwise); 0 when not recorded (a model
 *                       never trained, or saved before this was recorded)
 */
public record Provenance(long seed, String dataSet, String libraryVersion, String nd4jVersion, String backend,
                         String created, int epochs, long iterations, int threads) {
}
