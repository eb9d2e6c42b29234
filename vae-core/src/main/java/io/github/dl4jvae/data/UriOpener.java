package io.github.dl4jvae.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Opens the byte stream behind a URI. The default, {@link #URL}, uses {@code uri.toURL().openStream()}
 * so that {@code file:}, {@code jar:} (resources inside a jar) and {@code http:} URIs all work.
 */
@FunctionalInterface
interface UriOpener {

    /** Opens {@code uri} with {@code uri.toURL().openStream()}. */
    UriOpener URL = uri -> uri.toURL().openStream();

    /** Opens a new stream on {@code uri}; the caller closes it. */
    InputStream open(URI uri) throws IOException;
}
