package io.github.dl4jvae.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes grey-scale images {@code [n, H*W]} with values in [0,1] as one PNG grid. */
final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {
    }

    static void write(INDArray images, int height, int width, int columns, int scale, Path file) throws IOException {
        int n = (int) images.size(0);
        int rows = (n + columns - 1) / columns;
        int cell = 0;
        BufferedImage canvas = new BufferedImage(columns * (width * scale + GAP) + GAP,
                rows * (height * scale + GAP) + GAP, BufferedImage.TYPE_BYTE_GRAY);
        var raster = canvas.getRaster();
        for (int y = 0; y < canvas.getHeight(); y++) {
            for (int x = 0; x < canvas.getWidth(); x++) {
                raster.setSample(x, y, 0, 64);
            }
        }
        float[][] values = images.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
        for (float[] image : values) {
            int left = GAP + (cell % columns) * (width * scale + GAP);
            int top = GAP + (cell / columns) * (height * scale + GAP);
            for (int p = 0; p < height * width; p++) {
                int grey = Math.round(Math.max(0, Math.min(1, image[p])) * 255);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        raster.setSample(left + (p % width) * scale + dx, top + (p / width) * scale + dy, 0, grey);
                    }
                }
            }
            cell++;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(canvas, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }
}
