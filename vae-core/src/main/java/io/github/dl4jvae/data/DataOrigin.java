package io.github.dl4jvae.data;

/** Where a located data set came from, recorded in its {@link IdxDataSource} for provenance. */
public enum DataOrigin {
    /** A directory the caller passed explicitly (e.g. a {@code --data-dir} option). */
    EXPLICIT_DIRECTORY,
    /** The directory named by a system property (Fashion-MNIST: {@code vae.data.fashionMnist}). */
    SYSTEM_PROPERTY,
    /** The directory named by an environment variable (Fashion-MNIST: {@code VAE_FASHION_MNIST_DIR}). */
    ENVIRONMENT_VARIABLE,
    /** The system-wide install (Fashion-MNIST: Debian's {@code /usr/share/datasets/fashion-mnist/}). */
    SYSTEM_DIRECTORY,
    /** The subset embedded in this library's jar. */
    EMBEDDED_SUBSET,
    /** Files named by the caller one by one. */
    FILES
}
