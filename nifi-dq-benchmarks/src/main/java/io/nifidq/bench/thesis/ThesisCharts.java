package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The thesis charts, PNG: macro-F1 against corruption strength with one line per pipeline variant (clean training
 * data, degraded, degraded and repaired by nifi-dq). One image per split with a panel per corruption, and a headline
 * image with the mean over every split and corruption.
 */
final class ThesisCharts {

    static final int PANEL_WIDTH = 360;
    static final int PANEL_HEIGHT = 260;
    private static final int COLUMNS = 5;
    private static final Color CLEAN = new Color(0x2e7d32);
    private static final Color DEGRADED = new Color(0xc62828);
    private static final Color REPAIRED = new Color(0x1565c0);

    private ThesisCharts() {
    }

    /** Writes headline.png and one {split}.png per split into the folder; returns the files written. */
    static List<Path> write(final ThesisResults results, final Path folder) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(folder);
        final List<Path> written = new ArrayList<>();
        final Path headline = folder.resolve("thesis-headline.png");
        save(List.of(headline(results)), 1, 720, 440, headline);
        written.add(headline);
        for (final ThesisResults.SplitResult split : results.splits()) {
            final List<JFreeChart> panels = new ArrayList<>();
            for (final Corruption corruption : results.settings().corruptions()) {
                final List<ThesisResults.Cell> cells = split.cells().stream().filter(c -> c.corruption() == corruption).toList();
                panels.add(chart(corruption.cliName(), split.cleanF1(), cells, c -> c.degradedF1(), c -> c.repairedF1(), false));
            }
            final int columns = Math.min(COLUMNS, panels.size());
            final Path file = folder.resolve("thesis-" + fileName(split.split()) + ".png");
            save(panels, columns, PANEL_WIDTH, PANEL_HEIGHT, file);
            written.add(file);
        }
        return written;
    }

    static String fileName(final String split) {
        return split.replace("/split", "").replace('/', '-').replace("_", "-");
    }

    /** Mean macro-F1 over every split and corruption, per strength. */
    private static JFreeChart headline(final ThesisResults results) {
        final List<ThesisResults.Cell> all = results.splits().stream().flatMap(s -> s.cells().stream()).toList();
        final double clean = results.splits().stream().mapToDouble(ThesisResults.SplitResult::cleanF1).average().orElse(Double.NaN);
        final int splits = results.splits().size();
        final int corruptions = results.settings().corruptions().size();
        final String title = String.format(Locale.ROOT, "Mean macro-F1 over %d split%s x %d corruption%s", splits, splits == 1 ? "" : "s",
                corruptions, corruptions == 1 ? "" : "s");
        return chart(title, clean, all, ThesisResults.Cell::degradedF1, ThesisResults.Cell::repairedF1, true);
    }

    private static JFreeChart chart(final String title, final double clean, final List<ThesisResults.Cell> cells,
                                    final ToDoubleFunction<ThesisResults.Cell> degraded,
                                    final ToDoubleFunction<ThesisResults.Cell> repaired, final boolean large) {
        final List<Double> strengths = cells.stream().map(ThesisResults.Cell::strength).distinct().sorted().toList();
        final XYSeries cleanSeries = new XYSeries("clean train");
        final XYSeries degradedSeries = new XYSeries("degraded");
        final XYSeries repairedSeries = new XYSeries("degraded -> nifi-dq");
        // Strength 0 is the clean training data for every variant.
        cleanSeries.add(0.0, clean);
        degradedSeries.add(0.0, clean);
        repairedSeries.add(0.0, clean);
        for (final double strength : strengths) {
            final List<ThesisResults.Cell> at = cells.stream().filter(c -> c.strength() == strength).toList();
            cleanSeries.add(strength, at.stream().mapToDouble(ThesisResults.Cell::cleanF1).average().orElse(clean));
            degradedSeries.add(strength, at.stream().mapToDouble(degraded).average().orElseThrow());
            repairedSeries.add(strength, at.stream().mapToDouble(repaired).average().orElseThrow());
        }
        final XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(cleanSeries);
        data.addSeries(degradedSeries);
        data.addSeries(repairedSeries);
        final JFreeChart chart = ChartFactory.createXYLineChart(title, "corruption strength", "macro-F1 (test split)", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, large ? 16 : 13));
        chart.setBackgroundPaint(Color.WHITE);
        final XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        final Color[] colors = {CLEAN, DEGRADED, REPAIRED};
        for (int i = 0; i < colors.length; i++) {
            renderer.setSeriesPaint(i, colors[i]);
            renderer.setSeriesStroke(i, new BasicStroke(i == 0 ? 1.5f : 2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                    1f, i == 0 ? new float[] {6f, 4f} : null, 0f));
        }
        plot.setRenderer(renderer);
        final NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setRange(-0.01, 0.31);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        final NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        final double low = Math.min(clean, cells.stream().mapToDouble(c -> Math.min(degraded.applyAsDouble(c), repaired.applyAsDouble(c)))
                .min().orElse(clean));
        y.setRange(Math.max(0.0, Math.floor((low - 0.02) * 20) / 20), Math.min(1.0, Math.ceil((clean + 0.02) * 20) / 20 + 1e-9));
        return chart;
    }

    private static void save(final List<JFreeChart> charts, final int columns, final int width, final int height, final Path file)
            throws IOException {
        final int rows = (charts.size() + columns - 1) / columns;
        final BufferedImage image = new BufferedImage(columns * width, rows * height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, new Rectangle2D.Double((i % columns) * width, (i / columns) * height, width, height));
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
