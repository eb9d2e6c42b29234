package io.github.dl4jvae.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** A bar chart of a {@link Comparison}: examples per second (log scale) per row, one bar per series. */
public final class ComparisonChart {

    private ComparisonChart() {
    }

    /**
     * Writes the chart as a PNG.
     *
     * @param file where to write; a missing {@code .png} suffix is added by XChart, so pass one
     * @throws IOException if the file cannot be written
     */
    public static void write(Comparison comparison, Path file) throws IOException {
        List<Comparison.Row> rows = comparison.rows();
        CategoryChart chart = new CategoryChartBuilder()
                .width(Math.max(900, 28 * rows.size() * comparison.series().size() + 300)).height(600)
                .title("Throughput (examples/s, log scale)").xAxisTitle("benchmark, model, batch, latent")
                .yAxisTitle("examples/s").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setOverlapped(false);
        // Bars start at zero unless told otherwise, and zero has no logarithm: start at the decade below the least value.
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest(comparison)))));
        List<String> labels = new ArrayList<>();
        rows.forEach(row -> labels.add(row.label()));
        for (int column = 0; column < comparison.series().size(); column++) {
            List<Double> values = new ArrayList<>();
            for (Comparison.Row row : rows) {
                BenchmarkResult result = row.results().get(column);
                // A missing bar is drawn as nothing: XChart skips NaN (a null would count as 0, not allowed on a log axis).
                values.add(result == null || result.examplesPerSecond() <= 0 ? Double.NaN : result.examplesPerSecond());
            }
            chart.addSeries(comparison.series().get(column).label(), labels, values);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double smallest(Comparison comparison) {
        double smallest = Double.MAX_VALUE;
        for (Comparison.Row row : comparison.rows()) {
            for (BenchmarkResult result : row.results()) {
                if (result != null && result.examplesPerSecond() > 0) {
                    smallest = Math.min(smallest, result.examplesPerSecond());
                }
            }
        }
        return smallest == Double.MAX_VALUE ? 1 : smallest;
    }
}
