package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fall-back chain explicit directory, property, environment, system directory, embedded subset. */
class FashionMnistLocatorTest {

    @TempDir
    Path dir;

    private static final UnaryOperator<String> NONE = key -> null;

    /** Writes a tiny but valid data set, train files gzipped and test files raw. */
    private Path dataDir(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        IdxWriter.writeImages(d.resolve("train-images-idx3-ubyte.gz"), 2, 2, new byte[8], true);
        IdxWriter.writeLabels(d.resolve("train-labels-idx1-ubyte.gz"), new int[] {1, 9}, true);
        IdxWriter.writeImages(d.resolve("t10k-images-idx3-ubyte"), 2, 2, new byte[4], false);
        IdxWriter.writeLabels(d.resolve("t10k-labels-idx1-ubyte"), new int[] {3}, false);
        return d;
    }

    @Test
    void explicitDirectoryIsUsedAndAcceptsGzippedAndRawNames() throws IOException {
        Path data = dataDir("explicit");
        IdxDataSource source = new FashionMnistLocator(null, NONE, NONE).locate(data);
        assertEquals(FashionMnist.ID, source.id());
        assertEquals(DataOrigin.EXPLICIT_DIRECTORY, source.origin());
        assertEquals(data.resolve("train-images-idx3-ubyte.gz").toUri(), source.trainImages());
        assertEquals(data.resolve("t10k-labels-idx1-ubyte").toUri(), source.testLabels());
        assertEquals(2, IdxParser.readImages(source.trainImages()).count());
    }

    @Test
    void missingExplicitDirectoryIsAnErrorNotAFallBack() {
        Path missing = dir.resolve("nowhere");
        IOException e = assertThrows(IOException.class,
                () -> new FashionMnistLocator(null, NONE, NONE).locate(missing));
        assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte (each raw or with .gz)"), e.getMessage());
    }

    @Test
    void incompleteExplicitDirectoryNamesTheMissingFile() throws IOException {
        Path data = dataDir("incomplete");
        Files.delete(data.resolve("t10k-images-idx3-ubyte"));
        IOException e = assertThrows(IOException.class,
                () -> new FashionMnistLocator(null, NONE, NONE).locate(data));
        assertTrue(e.getMessage().contains(data.toAbsolutePath() + " lacks [t10k-images-idx3-ubyte[.gz]]"),
                e.getMessage());
    }

    @Test
    void propertyWinsOverEnvironmentAndIsNeverSilentlyReplaced() throws IOException {
        Path fromProperty = dataDir("property");
        Path fromEnv = dataDir("env");
        Path system = dataDir("system");
        UnaryOperator<String> property = Map.of(FashionMnist.DIRECTORY_PROPERTY, fromProperty.toString())::get;
        UnaryOperator<String> env = Map.of(FashionMnist.DIRECTORY_ENV, fromEnv.toString())::get;

        IdxDataSource both = new FashionMnistLocator(system, property, env).locate(null);
        assertEquals(DataOrigin.SYSTEM_PROPERTY, both.origin());
        assertEquals(fromProperty.toAbsolutePath().toString(), both.location());

        IdxDataSource envOnly = new FashionMnistLocator(system, NONE, env).locate(null);
        assertEquals(DataOrigin.ENVIRONMENT_VARIABLE, envOnly.origin());

        UnaryOperator<String> badProperty = Map.of(FashionMnist.DIRECTORY_PROPERTY, "/no/such/dir")::get;
        IOException e = assertThrows(IOException.class,
                () -> new FashionMnistLocator(system, badProperty, env).locate(null));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST directory from the system property vae.data.fashionMnist:"
                + " data directory /no/such/dir does not exist"), e.getMessage());
    }

    @Test
    void blankPropertyCountsAsUnset() throws IOException {
        Path system = dataDir("system2");
        UnaryOperator<String> blank = Map.of(FashionMnist.DIRECTORY_PROPERTY, "  ")::get;
        assertEquals(DataOrigin.SYSTEM_DIRECTORY, new FashionMnistLocator(system, blank, NONE).locate(null).origin());
    }

    @Test
    void withoutSystemDirectoryTheEmbeddedSubsetIsUsed() throws IOException {
        IdxDataSource source = new FashionMnistLocator(dir.resolve("absent"), NONE, NONE).locate(null);
        assertEquals(FashionMnist.SUBSET_ID, source.id());
        assertEquals(DataOrigin.EMBEDDED_SUBSET, source.origin());
        assertEquals(FashionMnist.CLASS_NAMES, source.classNames());
        assertEquals(5000, IdxParser.readImages(source.trainImages()).count());
        assertEquals(1000, IdxParser.readLabels(source.testLabels()).count());
    }

    @Test
    void incompleteSystemDirectoryFallsBackToTheSubset() throws IOException {
        Path system = dataDir("partial-system");
        Files.delete(system.resolve("train-labels-idx1-ubyte.gz"));
        assertEquals(DataOrigin.EMBEDDED_SUBSET, new FashionMnistLocator(system, NONE, NONE).locate(null).origin());
    }
}
