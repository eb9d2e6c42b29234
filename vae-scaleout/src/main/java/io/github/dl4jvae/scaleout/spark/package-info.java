/**
 * Spark training of the DL4J-layer VAE: {@link io.github.dl4jvae.scaleout.spark.SparkVaeTrainer} runs DL4J's
 * {@code SparkComputationGraph} with parameter averaging ({@code ParameterAveragingTrainingMaster}), in local mode
 * ({@code local[2]}) or on a cluster through {@code spark-submit}; {@link io.github.dl4jvae.scaleout.spark.SparkVaeData}
 * reads IDX or CSV files through DataVec on the executors and cuts them into minibatches.
 *
 * <p>Versions: {@code dl4j-spark_2.12} is published for DL4J 1.0.0-M2 only; it runs beside this project's M2.1
 * stack (see the project README). Spark and Scala are provided by the cluster.
 */
package io.github.dl4jvae.scaleout.spark;
