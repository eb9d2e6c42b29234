package io.github.dl4jvae.model;

/**
 * What one training epoch did. Training figures are running means over the epoch's minibatches of the
 * quantities the optimizer saw (so they lag the end-of-epoch model a little); validation is evaluated at the
 * end of the epoch.
 *
 * @param epoch           1-based epoch number over the model's whole life (continues after a resume)
 * @param loss            mean per-example training objective, reconstruction + beta * KL, nats
 * @param reconstruction  mean per-example reconstruction term in training, nats
 * @param kl              mean per-example KL term in training, nats
 * @param validation      end-of-epoch evaluation of the validation data, or {@code null} when none was given
 * @param seconds         wall time of the epoch's training steps (validation excluded)
 * @param examples        number of training examples seen
 */
public record EpochResult(int epoch, double loss, double reconstruction, double kl, Evaluation validation,
                          double seconds, long examples) {

    /** Training throughput of the epoch. */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }
}
