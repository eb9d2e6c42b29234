package io.github.dl4jvae.data;

import java.io.Serializable;
import java.net.URI;

/**
 * The validated, in-memory content of one IDX file: either {@link IdxImages} (idx3) or {@link IdxLabels}
 * (idx1). Obtained from {@link IdxParser#read(URI)}, which tells the two apart by the magic number.
 * Serializable, because DataVec record readers that hold it are.
 */
public sealed interface IdxContent extends Serializable permits IdxImages, IdxLabels {

    /** The file this content was read from (used in every error message about it). */
    URI source();

    /** The number of images or labels in the file, at least 1. */
    int count();
}
