package io.github.dl4jvae.zoo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of bytes as 64 lower-case hex digits: the checksum of every file the library ships (zoo weights, the
 * sample-quality classifier).
 */
public final class Sha256 {
    private Sha256() {
    }

    /** The SHA-256 of {@code bytes} as 64 lower-case hex digits. */
    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }
}
