package io.github.dl4jvae.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A labelled image data set stored as four IDX files, with its provenance: the id to record with a model
 * (e.g. {@code "fashion-mnist"} or {@code "fashion-mnist-embedded-subset"}), where it was found, and the
 * class names.
 *
 * @param id data set id for provenance, non-blank
 * @param origin how the files were found
 * @param location the directory or classpath resource folder the files are in, for messages and provenance
 * @param trainImages idx3 training images, absolute URI
 * @param trainLabels idx1 training labels, absolute URI
 * @param testImages idx3 test images, absolute URI
 * @param testLabels idx1 test labels, absolute URI
 * @param classNames name of class {@code i} at index {@code i}; 1 to 256 names
 */
public record IdxDataSource(String id, DataOrigin origin, String location, URI trainImages, URI trainLabels,
        URI testImages, URI testLabels, List<String> classNames) {

    /** The standard file names of the MNIST family, in the order train images, train labels, test images, test labels. */
    public static final List<String> STANDARD_FILE_NAMES = List.of("train-images-idx3-ubyte",
            "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** Validates every component; the class-name list is copied. */
    public IdxDataSource {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("data set id is '" + id + "'; expected a non-blank id such as fashion-mnist");
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(location, "location");
        for (URI uri : new URI[] {trainImages, trainLabels, testImages, testLabels}) {
            if (uri == null || !uri.isAbsolute()) {
                throw new IllegalArgumentException(
                        "data set " + id + ": file URI " + uri + " is invalid; expected four absolute URIs");
            }
        }
        Objects.requireNonNull(classNames, "classNames");
        if (classNames.isEmpty() || classNames.size() > 256) {
            throw new IllegalArgumentException("data set " + id + ": " + classNames.size()
                    + " class names given; expected 1..256");
        }
        classNames = List.copyOf(classNames);
    }

    /** The number of classes, {@code classNames().size()}. */
    public int numClasses() {
        return classNames.size();
    }

    /** The images file of {@code split}. */
    public URI images(Split split) {
        return split == Split.TRAIN ? trainImages : testImages;
    }

    /** The labels file of {@code split}. */
    public URI labels(Split split) {
        return split == Split.TRAIN ? trainLabels : testLabels;
    }

    /**
     * Finds the four {@link #STANDARD_FILE_NAMES} in a directory, each gzipped ({@code .gz}, preferred) or
     * raw, as MNIST and Fashion-MNIST are distributed.
     *
     * @param id data set id for provenance
     * @param origin how the directory was chosen
     * @param directory the directory to look in
     * @param classNames class names
     * @throws IOException if the directory does not exist or lacks a file; the message names the directory
     *     and the expected file names
     */
    public static IdxDataSource fromDirectory(String id, DataOrigin origin, Path directory, List<String> classNames)
            throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IOException("data directory " + directory.toAbsolutePath() + " does not exist or is not a"
                    + " directory; expected a directory holding " + expectedNames());
        }
        List<URI> found = new ArrayList<>(4);
        List<String> missing = new ArrayList<>();
        for (String name : STANDARD_FILE_NAMES) {
            Path gz = directory.resolve(name + ".gz");
            Path raw = directory.resolve(name);
            if (Files.isRegularFile(gz)) {
                found.add(gz.toAbsolutePath().toUri());
            } else if (Files.isRegularFile(raw)) {
                found.add(raw.toAbsolutePath().toUri());
            } else {
                missing.add(name + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("data directory " + directory.toAbsolutePath() + " lacks " + missing
                    + "; expected " + expectedNames());
        }
        return new IdxDataSource(id, origin, directory.toAbsolutePath().toString(), found.get(0), found.get(1),
                found.get(2), found.get(3), classNames);
    }

    /** The four standard names, gzipped or not, for messages. */
    static String expectedNames() {
        return String.join(", ", STANDARD_FILE_NAMES) + " (each raw or with .gz)";
    }
}
