package io.github.dl4jvae.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Regenerates the embedded Fashion-MNIST subset in
 * {@code vae-core/src/main/resources/io/github/dl4jvae/data/fashion-mnist-subset/}: the first
 * {@value FashionMnist#SUBSET_TRAIN_COUNT} training images and labels and the first
 * {@value FashionMnist#SUBSET_TEST_COUNT} test images and labels of the full data, as gzipped IDX files with
 * the standard names. {@code EmbeddedSubsetTest} checks the committed files against the full data.
 *
 * <p>Run from the repository root (Debian package {@code dataset-fashion-mnist} installed):
 * <pre>
 * mvn -q -pl vae-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp vae-core/target/test-classes:vae-core/target/classes:$(cat vae-core/target/cp.txt) \
 *     io.github.dl4jvae.data.MakeEmbeddedSubset [sourceDir [outputDir]]
 * </pre>
 * The decompressed content is reproducible byte for byte; the gzip bytes depend on the zlib build.
 */
public final class MakeEmbeddedSubset {

    private MakeEmbeddedSubset() {
    }

    /**
     * @param args optional source directory (default {@code /usr/share/datasets/fashion-mnist}) and output
     *     directory (default the resource folder above)
     */
    public static void main(String[] args) throws IOException {
        Path source = args.length > 0 ? Path.of(args[0]) : FashionMnist.SYSTEM_DIRECTORY;
        Path output = args.length > 1 ? Path.of(args[1])
                : Path.of("vae-core/src/main/resources/io/github/dl4jvae/data/fashion-mnist-subset");
        make(source, output);
    }

    /** Writes the four subset files from the full data set in {@code source} to {@code output}. */
    static void make(Path source, Path output) throws IOException {
        IdxDataSource full = IdxDataSource.fromDirectory(FashionMnist.ID, DataOrigin.FILES, source,
                FashionMnist.CLASS_NAMES);
        Files.createDirectories(output);
        writePrefix(full, Split.TRAIN, FashionMnist.SUBSET_TRAIN_COUNT, output, 0);
        writePrefix(full, Split.TEST, FashionMnist.SUBSET_TEST_COUNT, output, 2);
    }

    private static void writePrefix(IdxDataSource full, Split split, int count, Path output, int nameIndex)
            throws IOException {
        IdxImages images = IdxParser.readImages(full.images(split));
        IdxLabels labels = IdxParser.readLabels(full.labels(split));
        byte[] pixels = Arrays.copyOf(images.pixelsUnsafe(), count * images.pixelsPerImage());
        int[] prefixLabels = Arrays.copyOf(labels.toIntArray(), count);
        Path imageFile = output.resolve(IdxDataSource.STANDARD_FILE_NAMES.get(nameIndex) + ".gz");
        Path labelFile = output.resolve(IdxDataSource.STANDARD_FILE_NAMES.get(nameIndex + 1) + ".gz");
        IdxWriter.writeImages(imageFile, images.height(), images.width(), pixels, true);
        IdxWriter.writeLabels(labelFile, prefixLabels, true);
    }
}
