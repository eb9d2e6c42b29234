package io.github.dl4jvae.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Grey-scale images {@code [n, H*W]} (or {@code [n, 1, H, W]}) with values in [0,1] (clipped) laid out as a grid
 * on a dark background, {@value #GAP} pixels apart, each pixel scaled up {@code scale} times. A grid may be made
 * of titled panels, each starting a new row.
 */
public final class ImageGrid {
    /** Pixels between cells and around the grid. */
    public static final int GAP = 2;
    /** Height of a panel's title strip, pixels. */
    public static final int TITLE_HEIGHT = 18;
    private static final int BACKGROUND = 64;

    /** Images with an optional title (null: none) drawn above them. */
    public record Panel(String title, INDArray images) {
    }

    private ImageGrid() {
    }

    /** Writes one untitled grid of {@code images} in rows of {@code columns}. */
    public static void write(INDArray images, int height, int width, int columns, int scale, Path file)
            throws IOException {
        write(List.of(new Panel(null, images)), height, width, columns, scale, file);
    }

    /** Writes panels one below the other, each in rows of {@code columns}. */
    public static void write(List<Panel> panels, int height, int width, int columns, int scale, Path file)
            throws IOException {
        save(render(panels, height, width, columns, scale), file);
    }

    /**
     * Draws panels one below the other.
     *
     * @throws IllegalArgumentException if a panel is empty or its images do not have {@code height*width} values
     */
    public static BufferedImage render(List<Panel> panels, int height, int width, int columns, int scale) {
        if (panels.isEmpty() || columns < 1 || scale < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("an image grid needs at least one panel and positive columns, scale, "
                    + "height and width; got " + panels.size() + " panels, " + columns + " columns, scale " + scale
                    + ", " + height + "x" + width);
        }
        int cellWidth = width * scale + GAP;
        int cellHeight = height * scale + GAP;
        int totalHeight = GAP;
        for (Panel panel : panels) {
            totalHeight += (panel.title() == null ? 0 : TITLE_HEIGHT) + rows(panel, height, width, columns) * cellHeight;
        }
        BufferedImage canvas = new BufferedImage(columns * cellWidth + GAP, totalHeight, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(BACKGROUND, BACKGROUND, BACKGROUND));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        WritableRaster raster = canvas.getRaster();
        int top = GAP;
        for (Panel panel : panels) {
            if (panel.title() != null) {
                g.setColor(Color.WHITE);
                g.drawString(panel.title(), GAP + 2, top + TITLE_HEIGHT - 5);
                top += TITLE_HEIGHT;
            }
            float[][] values = pixels(panel.images(), height, width);
            for (int cell = 0; cell < values.length; cell++) {
                int left = GAP + (cell % columns) * cellWidth;
                int cellTop = top + (cell / columns) * cellHeight;
                for (int p = 0; p < height * width; p++) {
                    int grey = Math.round(Math.max(0, Math.min(1, values[cell][p])) * 255);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            raster.setSample(left + (p % width) * scale + dx, cellTop + (p / width) * scale + dy, 0,
                                    grey);
                        }
                    }
                }
            }
            top += rows(panel, height, width, columns) * cellHeight;
        }
        g.dispose();
        return canvas;
    }

    /** Writes an image as PNG, creating the parent directory. */
    static void save(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }

    private static int rows(Panel panel, int height, int width, int columns) {
        long n = check(panel.images(), height, width);
        return (int) ((n + columns - 1) / columns);
    }

    private static float[][] pixels(INDArray images, int height, int width) {
        check(images, height, width);
        return images.reshape('c', images.size(0), (long) height * width).castTo(DataType.FLOAT).toFloatMatrix();
    }

    private static long check(INDArray images, int height, int width) {
        if (images == null || images.rank() < 2 || images.size(0) < 1 || images.length() / images.size(0) != (long) height * width) {
            throw new IllegalArgumentException("images have shape " + (images == null ? "null"
                    : java.util.Arrays.toString(images.shape())) + "; expected [n, " + height * width + "] with n >= 1");
        }
        return images.size(0);
    }
}
