package io.github.dl4jvae.pictures;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curves of a run, from its {@code metrics.csv} rows: two charts side by side, the negative ELBO
 * (train and test) and its KL term (train and test), in nats per example against the epoch. Drawn with XChart.
 */
public final class LossCurvePlot {
    /** Size of each of the two charts, pixels. */
    public static final int CHART_WIDTH = 560;
    /** Size of each of the two charts, pixels. */
    public static final int CHART_HEIGHT = 420;

    private LossCurvePlot() {
    }

    /**
     * Writes the two charts as one PNG.
     *
     * @throws IllegalArgumentException if there are no rows
     */
    public static void write(List<EpochMetrics> rows, Path file) throws IOException {
        write(rows, false, file);
    }

    /**
     * Writes the charts as one PNG; for a deterministic autoencoder ({@code autoencoder}), which has no ELBO and no
     * KL, one chart of its reconstruction loss.
     *
     * @throws IllegalArgumentException if there are no rows
     */
    public static void write(List<EpochMetrics> rows, boolean autoencoder, Path file) throws IOException {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot; expected at least one metrics row");
        }
        List<XYChart> charts = autoencoder
                ? List.of(chart("Reconstruction loss -log p(x | z = code)", rows, EpochMetrics::trainReconstruction,
                        EpochMetrics::testReconstruction))
                : List.of(chart("Negative ELBO", rows, EpochMetrics::trainNegativeElbo, EpochMetrics::testNegativeElbo),
                        chart("KL(q(z|x) || p(z))", rows, EpochMetrics::trainKl, EpochMetrics::testKl));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart chart(String title, List<EpochMetrics> rows, ToDoubleFunction<EpochMetrics> train,
                                 ToDoubleFunction<EpochMetrics> test) {
        XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle("nats per example").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setDecimalPattern("#0.#");
        chart.getStyler().setXAxisDecimalPattern("#0");
        double[] epochs = rows.stream().mapToDouble(EpochMetrics::epoch).toArray();
        add(chart, "train", epochs, rows.stream().mapToDouble(train).toArray(), 0);
        add(chart, "test", epochs, rows.stream().mapToDouble(test).toArray(), 1);
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, int colour) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(Palette.color(colour));
        series.setMarkerColor(Palette.color(colour));
    }
}
