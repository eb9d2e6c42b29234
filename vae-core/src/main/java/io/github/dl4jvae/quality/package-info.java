/**
 * Sample quality as numbers: a Fashion-MNIST classifier trained by this project
 * ({@link io.github.dl4jvae.quality.FeatureClassifier}, shipped in the jar with its recorded test accuracy) whose
 * penultimate layer is the feature space; the Frechet distance between two sets of features
 * ({@link io.github.dl4jvae.quality.FrechetDistance}, Heusel et al. 2017) and the k-nearest-neighbour precision and
 * recall of generated against real features ({@link io.github.dl4jvae.quality.PrecisionRecall}, Kynkaanniemi et al.
 * 2019); {@link io.github.dl4jvae.quality.SampleQuality} measures both for images.
 */
package io.github.dl4jvae.quality;
