package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.IdxDataSource;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option shared by subcommands: where Fashion-MNIST (or any IDX data set) lives. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                    + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]. Default: $VAE_FASHION_MNIST_DIR, "
                    + "else /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist), "
                    + "else the embedded 5000/1000-image subset.")
    Path directory;

    @Option(names = "--embedded", description = "Use the embedded Fashion-MNIST subset (5000 train, 1000 test "
            + "images) even where the full data set is installed.")
    boolean embedded;

    /** Whether the user named the data (--data or --embedded). */
    boolean given() {
        return embedded || directory != null;
    }

    IdxDataSource locate() throws IOException {
        if (embedded && directory != null) {
            throw new IllegalArgumentException("--embedded and --data exclude each other; give one of them");
        }
        return embedded ? FashionMnist.embeddedSubset() : FashionMnist.locate(directory);
    }
}
