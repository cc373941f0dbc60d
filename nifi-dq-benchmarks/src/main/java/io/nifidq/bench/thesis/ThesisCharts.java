package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

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
 * data, degraded, degraded and repaired by nifi-dq), each with a band of one standard deviation over the seeds. One
 * image per split with a panel per family and corruption, and a headline image with a panel per family: the mean over
 * every split and corruption.
 */
final class ThesisCharts {

    static final int PANEL_WIDTH = 360;
    static final int PANEL_HEIGHT = 260;
    static final int HEADLINE_WIDTH = 720;
    static final int HEADLINE_HEIGHT = 440;
    private static final int COLUMNS = 5;
    private static final Color CLEAN = new Color(0x2e7d32);
    private static final Color DEGRADED = new Color(0xc62828);
    private static final Color REPAIRED = new Color(0x1565c0);

    private ThesisCharts() {
    }

    /** Writes thesis-headline.png and one thesis-{split}.png per split into the folder; returns the files written. */
    static List<Path> write(final ThesisResults results, final Path folder) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(folder);
        final List<Path> written = new ArrayList<>();
        final Path headline = folder.resolve("thesis-headline.png");
        final List<JFreeChart> headlines = new ArrayList<>();
        for (final ThesisFamily family : results.settings().families()) {
            headlines.add(headline(results, family));
        }
        save(headlines, headlines.size(), HEADLINE_WIDTH, HEADLINE_HEIGHT, headline);
        written.add(headline);
        for (final ThesisResults.SplitResult split : results.splits()) {
            final List<JFreeChart> panels = new ArrayList<>();
            for (final ThesisResults.FamilyResult family : split.families()) {
                for (final Corruption corruption : results.settings().corruptions()) {
                    final List<ThesisResults.Cell> cells = family.cells().stream().filter(c -> c.corruption() == corruption).toList();
                    panels.add(chart(family.family().title() + ": " + corruption.cliName(), family.cleanF1s(), cells, false));
                }
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

    /** One family's mean macro-F1 over every split and corruption, per strength. */
    private static JFreeChart headline(final ThesisResults results, final ThesisFamily family) {
        final List<ThesisResults.FamilyResult> families = results.splits().stream().map(s -> s.family(family)).toList();
        final List<ThesisResults.Cell> all = families.stream().flatMap(f -> f.cells().stream()).toList();
        final int seeds = results.settings().seeds().size();
        final List<Double> clean = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            final int seed = s;
            clean.add(families.stream().mapToDouble(f -> f.cleanF1s().get(seed)).average().orElse(Double.NaN));
        }
        final int splits = results.splits().size();
        final int corruptions = results.settings().corruptions().size();
        final String title = String.format(Locale.ROOT, "%s: mean macro-F1 over %d split%s x %d corruption%s", family.title(), splits,
                splits == 1 ? "" : "s", corruptions, corruptions == 1 ? "" : "s");
        return chart(title, clean, all, true);
    }

    /**
     * The three variants against strength. Each point is the mean over the cells at that strength, seed by seed; its band
     * is the standard deviation of those per-seed means (strength 0 is the clean training data for every variant).
     */
    private static JFreeChart chart(final String title, final List<Double> cleanPerSeed, final List<ThesisResults.Cell> cells,
                                    final boolean large) {
        final List<Double> strengths = cells.stream().map(ThesisResults.Cell::strength).distinct().sorted().toList();
        final YIntervalSeries cleanSeries = new YIntervalSeries("clean train");
        final YIntervalSeries degradedSeries = new YIntervalSeries("degraded");
        final YIntervalSeries repairedSeries = new YIntervalSeries("degraded -> nifi-dq");
        final ThesisResults.Spread clean = ThesisResults.Spread.of(cleanPerSeed);
        for (final YIntervalSeries series : List.of(cleanSeries, degradedSeries, repairedSeries)) {
            add(series, 0.0, clean);
        }
        double low = clean.mean() - clean.deviation();
        double high = clean.mean() + clean.deviation();
        for (final double strength : strengths) {
            final List<ThesisResults.Cell> at = cells.stream().filter(c -> c.strength() == strength).toList();
            final ThesisResults.Spread degraded = perSeedMean(at, ThesisResults.Run::degradedF1);
            final ThesisResults.Spread repaired = perSeedMean(at, ThesisResults.Run::repairedF1);
            add(cleanSeries, strength, perSeedMean(at, ThesisResults.Run::cleanF1));
            add(degradedSeries, strength, degraded);
            add(repairedSeries, strength, repaired);
            low = Math.min(low, Math.min(degraded.mean() - degraded.deviation(), repaired.mean() - repaired.deviation()));
            high = Math.max(high, Math.max(degraded.mean() + degraded.deviation(), repaired.mean() + repaired.deviation()));
        }
        final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(cleanSeries);
        data.addSeries(degradedSeries);
        data.addSeries(repairedSeries);
        final JFreeChart chart = ChartFactory.createXYLineChart(title, "corruption strength", "macro-F1 (test split)", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, large ? 16 : 12));
        chart.setBackgroundPaint(Color.WHITE);
        final XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        final DeviationRenderer renderer = new DeviationRenderer(true, true);
        final Color[] colors = {CLEAN, DEGRADED, REPAIRED};
        for (int i = 0; i < colors.length; i++) {
            renderer.setSeriesPaint(i, colors[i]);
            renderer.setSeriesFillPaint(i, colors[i]);
            renderer.setSeriesStroke(i, new BasicStroke(i == 0 ? 1.5f : 2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                    1f, i == 0 ? new float[] {6f, 4f} : null, 0f));
        }
        renderer.setAlpha(0.15f);
        plot.setRenderer(renderer);
        final NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setRange(-0.01, 0.31);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        final NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        y.setRange(Math.max(0.0, Math.floor((low - 0.02) * 20) / 20), Math.min(1.0, Math.ceil((high + 0.01) * 20) / 20 + 1e-9));
        return chart;
    }

    /** Seed by seed, the mean of the runs' figure over the cells; then the spread of those means. */
    private static ThesisResults.Spread perSeedMean(final List<ThesisResults.Cell> cells, final ToDoubleFunction<ThesisResults.Run> figure) {
        final int seeds = cells.getFirst().runs().size();
        final List<Double> means = new ArrayList<>(seeds);
        for (int s = 0; s < seeds; s++) {
            final int seed = s;
            means.add(cells.stream().mapToDouble(c -> figure.applyAsDouble(c.runs().get(seed))).average().orElseThrow());
        }
        return ThesisResults.Spread.of(means);
    }

    private static void add(final YIntervalSeries series, final double x, final ThesisResults.Spread spread) {
        series.add(x, spread.mean(), spread.mean() - spread.deviation(), spread.mean() + spread.deviation());
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
