package io.github.dl4jvae.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where Fashion-MNIST is read from. The places it looks are injected, so the fall-back chain can be
 * tested; {@link #systemDefault()} uses this JVM's system properties and environment.
 *
 * <p>Order:
 * <ol>
 *   <li>the explicit directory, if one is given;</li>
 *   <li>else the directory named by the property {@value FashionMnist#DIRECTORY_PROPERTY}, else by the
 *       environment variable {@value FashionMnist#DIRECTORY_ENV} (blank values count as unset);</li>
 *   <li>else the system directory, if it holds all four files (if it exists but lacks some, a warning is
 *       logged and the search goes on);</li>
 *   <li>else the embedded subset.</li>
 * </ol>
 * A directory named in steps 1 or 2 that does not exist or lacks a file is an {@link IOException} naming
 * the directory and the expected file names: a requested data set is never silently replaced. In each
 * directory a file may be gzipped ({@code .gz}, preferred) or raw.
 */
public final class FashionMnistLocator {

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnistLocator.class);

    private final Path systemDirectory;
    private final UnaryOperator<String> propertyLookup;
    private final UnaryOperator<String> environmentLookup;

    /**
     * @param systemDirectory the system-wide directory to try before the embedded subset, or null to skip it
     * @param propertyLookup returns the value of a system property, or null
     * @param environmentLookup returns the value of an environment variable, or null
     */
    public FashionMnistLocator(Path systemDirectory, UnaryOperator<String> propertyLookup,
            UnaryOperator<String> environmentLookup) {
        this.systemDirectory = systemDirectory;
        this.propertyLookup = Objects.requireNonNull(propertyLookup, "propertyLookup");
        this.environmentLookup = Objects.requireNonNull(environmentLookup, "environmentLookup");
    }

    /** The locator of this JVM: {@link System#getProperty}, {@link System#getenv}, {@link FashionMnist#SYSTEM_DIRECTORY}. */
    public static FashionMnistLocator systemDefault() {
        return new FashionMnistLocator(FashionMnist.SYSTEM_DIRECTORY, System::getProperty, System::getenv);
    }

    /**
     * Locates the data set.
     *
     * @param explicitDirectory a directory the caller chose, or null to search
     * @throws IOException if a requested directory (explicit, property or environment) does not exist or
     *     lacks a file, or if the embedded subset is missing from the classpath
     */
    public IdxDataSource locate(Path explicitDirectory) throws IOException {
        if (explicitDirectory != null) {
            return fromRequested(explicitDirectory, DataOrigin.EXPLICIT_DIRECTORY, "explicit directory");
        }
        String property = propertyLookup.apply(FashionMnist.DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return fromRequested(Path.of(property.strip()), DataOrigin.SYSTEM_PROPERTY,
                    "system property " + FashionMnist.DIRECTORY_PROPERTY);
        }
        String env = environmentLookup.apply(FashionMnist.DIRECTORY_ENV);
        if (env != null && !env.isBlank()) {
            return fromRequested(Path.of(env.strip()), DataOrigin.ENVIRONMENT_VARIABLE,
                    "environment variable " + FashionMnist.DIRECTORY_ENV);
        }
        if (systemDirectory != null && Files.isDirectory(systemDirectory)) {
            try {
                IdxDataSource source = IdxDataSource.fromDirectory(FashionMnist.ID, DataOrigin.SYSTEM_DIRECTORY,
                        systemDirectory, FashionMnist.CLASS_NAMES);
                LOG.info("Fashion-MNIST: using the system directory {}", source.location());
                return source;
            } catch (IOException e) {
                LOG.warn("Fashion-MNIST: ignoring the system directory: {}", e.getMessage());
            }
        }
        IdxDataSource subset = FashionMnist.embeddedSubset();
        LOG.info("Fashion-MNIST: no directory given and none installed at {}; using the embedded subset ({} train"
                + " and {} test images; set {} or {} for the full data)", systemDirectory,
                FashionMnist.SUBSET_TRAIN_COUNT, FashionMnist.SUBSET_TEST_COUNT, FashionMnist.DIRECTORY_PROPERTY,
                FashionMnist.DIRECTORY_ENV);
        return subset;
    }

    private static IdxDataSource fromRequested(Path directory, DataOrigin origin, String how) throws IOException {
        try {
            IdxDataSource source = IdxDataSource.fromDirectory(FashionMnist.ID, origin, directory,
                    FashionMnist.CLASS_NAMES);
            LOG.info("Fashion-MNIST: using {} ({})", source.location(), how);
            return source;
        } catch (IOException e) {
            throw new IOException("Fashion-MNIST directory from the " + how + ": " + e.getMessage(), e);
        }
    }
}
