/**
 * Figures about a trained model beyond the negative ELBO: how many latent dimensions it uses
 * ({@link io.github.dl4jvae.eval.LatentUsage}: active units and KL per dimension) and per-example anomaly
 * scores ({@link io.github.dl4jvae.eval.AnomalyScores}).
 */
package io.github.dl4jvae.eval;
