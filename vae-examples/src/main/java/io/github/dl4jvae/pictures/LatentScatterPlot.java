package io.github.dl4jvae.pictures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The latent space as a scatter plot: one point per example at its posterior mean, coloured by class, through
 * a {@link LatentProjection} (the means themselves for 2 latent dimensions, their first two principal components
 * for more). Drawn with XChart.
 */
public final class LatentScatterPlot {
    /** Plot size in pixels. */
    public static final int WIDTH = 900;
    /** Plot size in pixels. */
    public static final int HEIGHT = 700;

    private LatentScatterPlot() {
    }

    /**
     * Writes the plot as PNG.
     *
     * @param means      posterior means {@code [n][k]}
     * @param labels     class of each example, {@code 0..classNames.size()-1}
     * @param classNames legend entries
     * @param title      chart title
     * @return the projection used, for its axis titles and explained variance
     * @throws IllegalArgumentException if the means and labels differ in number or a label is out of range
     */
    public static LatentProjection write(double[][] means, int[] labels, List<String> classNames, String title,
                                         Path file) throws IOException {
        if (means.length != labels.length) {
            throw new IllegalArgumentException(means.length + " latent means but " + labels.length + " labels; "
                    + "expected one label per example");
        }
        LatentProjection projection = LatentProjection.fit(means);
        double[][] points = projection.project(means);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(projection.axisTitle(0)).yAxisTitle(projection.axisTitle(1)).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        for (int c = 0; c < classNames.size(); c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is not a class "
                            + "index; expected 0.." + (classNames.size() - 1));
                }
                if (labels[i] == c) {
                    xs.add(points[i][0]);
                    ys.add(points[i][1]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(classNames.get(c), xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(Palette.color(c, 150));
        }
        ImageGrid.save(BitmapEncoder.getBufferedImage(chart), file);
        return projection;
    }
}
