package io.nifidq.quality.report;

import io.nifidq.quality.profile.ProfileReport.Histogram;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts drawn from the report's figures: nothing is fetched, the page stays one file. */
final class SvgCharts {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final int LABEL_WIDTH = 170;
    private static final int BAR_AREA = 300;
    private static final int ROW = 20;

    /** One bar: its label, its length's value and the text shown at its end. */
    record Bar(String label, double value, String shown) {
    }

    private SvgCharts() {
    }

    /** Horizontal bars, one per row, scaled to the largest value (or to 1 when every value is a share). */
    static void bars(final Xhtml page, final String title, final List<Bar> bars, final boolean shares) {
        final double largest = shares ? 1.0 : bars.stream().mapToDouble(Bar::value).max().orElse(1.0);
        final int height = ROW * bars.size() + 4;
        final int width = LABEL_WIDTH + BAR_AREA + 90;
        page.open("svg", "xmlns", SVG_NS, "class", "chart", "role", "img", "width", Integer.toString(width), "height", Integer.toString(height),
                "viewBox", "0 0 " + width + " " + height);
        page.element("title", title);
        for (int i = 0; i < bars.size(); i++) {
            final Bar bar = bars.get(i);
            final int y = i * ROW + 2;
            final double length = largest <= 0 ? 0 : BAR_AREA * Math.max(0, bar.value()) / largest;
            page.element("text", shorten(bar.label(), 26), "x", Integer.toString(LABEL_WIDTH - 6), "y", Integer.toString(y + 14),
                    "text-anchor", "end");
            page.open("rect", "x", Integer.toString(LABEL_WIDTH), "y", Integer.toString(y + 2), "width", coordinate(length),
                    "height", Integer.toString(ROW - 6), "class", "bar");
            page.element("title", bar.label() + ": " + bar.shown());
            page.close("rect");
            page.element("text", bar.shown(), "x", coordinate(LABEL_WIDTH + length + 5), "y", Integer.toString(y + 14));
        }
        page.close("svg");
    }

    /** Vertical bars, one per bin, with the first and last edge under the axis and each bin's range and count on hover. */
    static void histogram(final Xhtml page, final String title, final Histogram histogram) {
        final List<Long> counts = histogram.counts();
        final long largest = counts.stream().mapToLong(Long::longValue).max().orElse(1);
        final int plotHeight = 100;
        final int barWidth = 32;
        final int width = Math.max(200, barWidth * counts.size() + 20);
        page.open("svg", "xmlns", SVG_NS, "class", "chart", "role", "img", "width", Integer.toString(width), "height", "136",
                "viewBox", "0 0 " + width + " 136");
        page.element("title", title);
        for (int i = 0; i < counts.size(); i++) {
            final double height = largest == 0 ? 0 : plotHeight * (double) counts.get(i) / largest;
            final String range = Xhtml.number(histogram.edges().get(i)) + " to " + Xhtml.number(histogram.edges().get(i + 1));
            page.open("rect", "x", Integer.toString(10 + i * barWidth), "y", coordinate(10 + plotHeight - height),
                    "width", Integer.toString(barWidth - 3), "height", coordinate(height), "class", "bar");
            page.element("title", range + ": " + counts.get(i));
            page.close("rect");
        }
        page.empty("line", "x1", "8", "y1", "111", "x2", Integer.toString(width - 8), "y2", "111", "class", "axis");
        page.element("text", Xhtml.number(histogram.edges().getFirst()), "x", "10", "y", "128");
        page.element("text", Xhtml.number(histogram.edges().getLast()), "x", Integer.toString(10 + counts.size() * barWidth),
                "y", "128", "text-anchor", "end");
        page.close("svg");
    }

    private static String coordinate(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String shorten(final String label, final int chars) {
        final String shown = label == null ? "(none)" : label;
        return shown.length() <= chars ? shown : shown.substring(0, chars - 1) + '\u2026';
    }
}
