package io.github.dl4jvae.data;

/** Which part of a data set: the training images or the held-out test images. */
public enum Split {
    /** The training images (Fashion-MNIST: {@code train-*}, 60000 images; embedded subset: the first 5000). */
    TRAIN,
    /** The test images (Fashion-MNIST: {@code t10k-*}, 10000 images; embedded subset: the first 1000). */
    TEST
}
