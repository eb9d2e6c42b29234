package io.github.dl4jvae.scaleout.cli;

import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.IdxDataSource;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the local subcommands find Fashion-MNIST (or any IDX data set in its four-file layout). */
final class FashionMnistOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with the four IDX files (train-images-idx3-ubyte[.gz] etc.). Default: "
                    + "$VAE_FASHION_MNIST_DIR, else /usr/share/datasets/fashion-mnist, else the embedded subset.")
    Path directory;

    @Option(names = "--embedded", description = "Use the embedded subset (5000 training, 1000 test images).")
    boolean embedded;

    IdxDataSource locate() throws IOException {
        if (embedded && directory != null) {
            throw new IllegalArgumentException("--embedded and --data exclude each other; give one of them");
        }
        return embedded ? FashionMnist.embeddedSubset() : FashionMnist.locate(directory);
    }
}
