package io.github.dl4jvae.scaleout;

/** Which engine trained a network, as recorded in a {@link TrainingReport}. */
public enum Engine {
    /** {@code ComputationGraph.fit} on one thread: the single-worker reference. */
    FIT,
    /** DL4J's {@code ParallelWrapper}: worker threads in one JVM, parameters averaged ({@link ParallelVaeTrainer}). */
    PARALLEL_WRAPPER,
    /** DL4J's {@code SparkComputationGraph} with parameter averaging ({@link io.github.dl4jvae.scaleout.spark.SparkVaeTrainer}). */
    SPARK
}
