package io.github.dl4jvae.data;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, arXiv:1708.07747), the default data set: 28x28 grey-scale
 * images of 10 clothing classes, 60000 for training and 10000 for testing, as IDX files under the MIT
 * licence (Copyright 2017 Zalando SE).
 *
 * <p>{@link #locate(Path)} finds it: an explicit directory, else the directory named by the system property
 * {@value #DIRECTORY_PROPERTY} or the environment variable {@value #DIRECTORY_ENV}, else Debian's
 * {@code /usr/share/datasets/fashion-mnist/} (package {@code dataset-fashion-mnist}), else the subset
 * embedded in this jar (the first {@value #SUBSET_TRAIN_COUNT} training and {@value #SUBSET_TEST_COUNT} test
 * images, id {@value #SUBSET_ID}). See {@link FashionMnistLocator} for the rules.
 */
public final class FashionMnist {

    /** Data set id of the full data set, for provenance. */
    public static final String ID = "fashion-mnist";
    /** Data set id of the embedded subset, for provenance. */
    public static final String SUBSET_ID = "fashion-mnist-embedded-subset";
    /** The ten class names, class {@code i} at index {@code i}, as in the Fashion-MNIST README. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Number of classes. */
    public static final int NUM_CLASSES = 10;
    /** Image height and width in pixels. */
    public static final int SIDE = 28;
    /** System property naming a directory with the four files. */
    public static final String DIRECTORY_PROPERTY = "vae.data.fashionMnist";
    /** Environment variable naming a directory with the four files. */
    public static final String DIRECTORY_ENV = "VAE_FASHION_MNIST_DIR";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** Training images in the embedded subset: the first ones of the training file. */
    public static final int SUBSET_TRAIN_COUNT = 5000;
    /** Test images in the embedded subset: the first ones of the test file. */
    public static final int SUBSET_TEST_COUNT = 1000;
    /** Classpath folder of the embedded subset (relative to this package). */
    static final String SUBSET_FOLDER = "fashion-mnist-subset/";

    private FashionMnist() {
    }

    /**
     * Locates Fashion-MNIST with the system property, environment and system directory of this JVM.
     *
     * @param explicitDirectory a directory the caller chose, or null to search
     * @return the data source, never null
     * @throws IOException if an explicit, property or environment directory does not exist or lacks a file
     *     (never a silent fall-back then), or the embedded subset is missing from the classpath
     */
    public static IdxDataSource locate(Path explicitDirectory) throws IOException {
        return FashionMnistLocator.systemDefault().locate(explicitDirectory);
    }

    /**
     * The subset embedded in this jar: train = the first {@value #SUBSET_TRAIN_COUNT} training images and
     * labels, test = the first {@value #SUBSET_TEST_COUNT} test images and labels, gzipped IDX.
     *
     * @throws IOException if the resources are missing (a broken jar)
     */
    public static IdxDataSource embeddedSubset() throws IOException {
        URI[] uris = new URI[4];
        for (int i = 0; i < 4; i++) {
            String resource = SUBSET_FOLDER + IdxDataSource.STANDARD_FILE_NAMES.get(i) + ".gz";
            URL url = FashionMnist.class.getResource(resource);
            if (url == null) {
                throw new IOException("embedded Fashion-MNIST subset resource " + resourcePath(resource)
                        + " is not on the classpath; expected it inside the vae-core jar");
            }
            try {
                uris[i] = url.toURI();
            } catch (URISyntaxException e) {
                throw new IOException("embedded resource URL " + url + " is not a valid URI", e);
            }
        }
        return new IdxDataSource(SUBSET_ID, DataOrigin.EMBEDDED_SUBSET, "classpath:" + resourcePath(SUBSET_FOLDER),
                uris[0], uris[1], uris[2], uris[3], CLASS_NAMES);
    }

    private static String resourcePath(String relative) {
        return FashionMnist.class.getPackageName().replace('.', '/') + "/" + relative;
    }
}
