package io.github.dl4jvae.data;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;

/**
 * The files an {@link IdxRecordReader} reads: one idx3 images file and at most one idx1 labels file, given in
 * either order and told apart by their magic numbers, read whole and validated ({@link IdxParser}), with one label
 * per image.
 *
 * @param images the images
 * @param labels the labels, or null when no labels file was given
 */
record IdxFilePair(IdxImages images, IdxLabels labels) implements Serializable {

    /**
     * Reads {@code locations}, one or two URIs.
     *
     * @throws IOException if a file cannot be read or is invalid, if two files are of one kind, if there are labels
     *     only, or if the counts differ (every message names the file)
     */
    static IdxFilePair read(URI[] locations, UriOpener opener) throws IOException {
        IdxImages images = null;
        IdxLabels labels = null;
        for (URI uri : locations) {
            IdxContent content = IdxParser.read(uri, opener);
            if (content instanceof IdxImages im) {
                if (images != null) {
                    throw new IOException(twoOfAKind(images.source(), uri, "idx3 images"));
                }
                images = im;
            } else {
                IdxLabels lb = (IdxLabels) content;
                if (labels != null) {
                    throw new IOException(twoOfAKind(labels.source(), uri, "idx1 labels"));
                }
                labels = lb;
            }
        }
        if (images == null) {
            throw new IOException(labels.source() + ": is an idx1 labels file (magic "
                    + IdxFormat.hex(IdxFormat.LABELS_MAGIC) + ") and no idx3 images file (magic "
                    + IdxFormat.hex(IdxFormat.IMAGES_MAGIC) + ") was given; expected an images file");
        }
        if (labels != null && labels.count() != images.count()) {
            throw new IOException(labels.source() + ": holds " + labels.count() + " labels but " + images.source()
                    + " holds " + images.count() + " images; expected one label per image");
        }
        return new IdxFilePair(images, labels);
    }

    private static String twoOfAKind(URI first, URI second, String kind) {
        return second + ": is an " + kind + " file like " + first + "; expected one idx3 images file (magic "
                + IdxFormat.hex(IdxFormat.IMAGES_MAGIC) + ") and at most one idx1 labels file (magic "
                + IdxFormat.hex(IdxFormat.LABELS_MAGIC) + ")";
    }
}
