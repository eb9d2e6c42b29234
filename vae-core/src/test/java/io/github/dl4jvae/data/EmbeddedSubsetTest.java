package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The committed subset files: size, licence, and (where the Debian package is installed) their content. */
class EmbeddedSubsetTest {

    @Test
    void filesAreSmallAndCarryTheLicence() throws IOException {
        long total = 0;
        for (String name : IdxDataSource.STANDARD_FILE_NAMES) {
            URL url = FashionMnist.class.getResource(FashionMnist.SUBSET_FOLDER + name + ".gz");
            assertNotNull(url, name);
            try (InputStream in = url.openStream()) {
                total += in.readAllBytes().length;
            }
        }
        assertTrue(total < 3_000_000, "subset is " + total + " bytes; expected < 3 MB");
        try (InputStream in = FashionMnist.class.getResourceAsStream(FashionMnist.SUBSET_FOLDER + "LICENSE")) {
            String licence = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(licence.contains("Copyright (c) 2017 Zalando SE"), licence);
            assertTrue(licence.contains("Permission is hereby granted, free of charge"), licence);
        }
    }

    static boolean fullDataInstalled() {
        return Files.isDirectory(FashionMnist.SYSTEM_DIRECTORY);
    }

    @Test
    @EnabledIf("fullDataInstalled") // needs Debian's dataset-fashion-mnist
    void subsetIsThePrefixOfTheFullData() throws IOException {
        IdxDataSource full = IdxDataSource.fromDirectory(FashionMnist.ID, DataOrigin.SYSTEM_DIRECTORY,
                FashionMnist.SYSTEM_DIRECTORY, FashionMnist.CLASS_NAMES);
        IdxDataSource subset = FashionMnist.embeddedSubset();
        for (Split split : Split.values()) {
            IdxImages fullImages = IdxParser.readImages(full.images(split));
            IdxImages subImages = IdxParser.readImages(subset.images(split));
            int n = split == Split.TRAIN ? FashionMnist.SUBSET_TRAIN_COUNT : FashionMnist.SUBSET_TEST_COUNT;
            assertEquals(n, subImages.count());
            assertEquals(split == Split.TRAIN ? 60000 : 10000, fullImages.count());
            assertArrayEquals(Arrays.copyOf(fullImages.toByteArray(), n * 784), subImages.toByteArray());
            int[] fullLabels = IdxParser.readLabels(full.labels(split)).toIntArray();
            assertArrayEquals(Arrays.copyOf(fullLabels, n), IdxParser.readLabels(subset.labels(split)).toIntArray());
        }
    }
}
