package io.github.dl4jvae.random;

/**
 * The first address component of every random stream derived from a model's seed by {@link Seeds#derive}: one
 * table, so that no two streams of the project share an address. A stream's address continues after this
 * component (a step or call counter, an epoch, a worker index, a vertex).
 */
public final class Streams {
    /** Initial weights and biases of the SameDiff graph: {@code (seed, PARAMETERS)}. */
    public static final long PARAMETERS = 0;
    /** Reparameterization noise of training step t: {@code (seed, TRAINING, t)}. */
    public static final long TRAINING = 1;
    /** Noise of the negative ELBO's evaluation calls: {@code (seed, EVALUATION, call)}. */
    public static final long EVALUATION = 2;
    /** Latent codes drawn from the prior by {@code sample}: {@code (seed, PRIOR, call)}. */
    public static final long PRIOR = 3;
    /** Importance samples of the log-likelihood estimate: {@code (seed, IMPORTANCE, chunk)}. */
    public static final long IMPORTANCE = 4;
    /** The data pipeline's shuffling; the record reader continues the address with the epoch. */
    public static final long SHUFFLE = 5;
    /** Dynamic binarization; the binarizer continues the address with the batch index. */
    public static final long BINARIZATION = 6;
    /** The reparameterization seed of data-parallel worker w > 0: {@code (seed, WORKER, w)}. */
    public static final long WORKER = 7;
    /** Noise of a DL4J reparameterization vertex: {@code (seed, VERTEX, name hash, kind, counter)}. */
    public static final long VERTEX = 8;
    /** The k-means++ start of a Gaussian mixture's EM fit: {@code (seed, MIXTURE_START)}. */
    public static final long MIXTURE_START = 9;
    /** Codes drawn from a fitted Gaussian mixture by {@code sample(n, seed)}: {@code (seed, MIXTURE_SAMPLE)}. */
    public static final long MIXTURE_SAMPLE = 10;

    private Streams() {
    }
}
