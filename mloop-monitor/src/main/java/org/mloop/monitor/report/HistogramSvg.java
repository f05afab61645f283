package org.mloop.monitor.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mloop.core.monitoring.Histogram;

/**
 * Draws one side (baseline or production) of a {@link Histogram} as inline SVG bars. Counts are drawn
 * as proportions of that side's rows, on a y scale shared by both sides, so a baseline of 100,000
 * rows and a window of 5,000 compare bar by bar. Each bar carries a tooltip (SVG title) with its bin,
 * count and share.
 */
final class HistogramSvg {
  static final int WIDTH = 380;
  static final int HEIGHT = 220;
  private static final int LEFT = 44;
  private static final int RIGHT = 8;
  private static final int TOP = 10;
  private static final int BOTTOM = 70;
  /** At most this many bins get an x label; wider histograms label every k-th bin. */
  private static final int MAX_LABELS = 20;
  private static final int MAX_LABEL_CHARS = 14;

  private final List<String> labels;
  private final List<Long> baseline;
  private final List<Long> production;
  private final double scale;

  HistogramSvg(Histogram histogram) {
    int bins = Math.max(histogram.bins().size(), Math.max(histogram.baseline().size(), histogram.production().size()));
    this.labels = labels(histogram, bins);
    this.baseline = padded(histogram.baseline(), bins);
    this.production = padded(histogram.production(), bins);
    double max = Math.max(maxShare(baseline), maxShare(production));
    this.scale = max > 0 ? max : 1;
  }

  static long total(List<Long> counts) {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  String baselineSvg(String title) {
    return svg(baseline, "bar-baseline", title);
  }

  String productionSvg(String title) {
    return svg(production, "bar-production", title);
  }

  private String svg(List<Long> counts, String barClass, String title) {
    long total = total(counts);
    int n = counts.size();
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double barWidth = n == 0 ? plotWidth : plotWidth / n;
    StringBuilder s = new StringBuilder(4096);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title)).append("\">");
    // y axis: 0, half and the shared maximum, as shares of rows
    for (double tick : new double[] {0, scale / 2, scale}) {
      double y = TOP + plotHeight - tick / scale * plotHeight;
      s.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
      s.append("<text class=\"tick\" x=\"").append(LEFT - 4).append("\" y=\"").append(f(y + 3))
          .append("\" text-anchor=\"end\">").append(Html.percent(tick)).append("</text>");
    }
    int every = Math.max(1, (int) Math.ceil(n / (double) MAX_LABELS));
    for (int i = 0; i < n; i++) {
      long count = counts.get(i);
      double share = total == 0 ? 0 : count / (double) total;
      double h = share / scale * plotHeight;
      double x = LEFT + i * barWidth;
      s.append("<rect class=\"").append(barClass).append("\" x=\"").append(f(x + 0.5)).append("\" y=\"")
          .append(f(TOP + plotHeight - h)).append("\" width=\"").append(f(Math.max(barWidth - 1, 0.5)))
          .append("\" height=\"").append(f(h)).append("\"><title>").append(Html.escape(labels.get(i))).append(": ")
          .append(Html.count(count)).append(" rows (").append(Html.percent(share)).append(")</title></rect>");
      if (i % every == 0) {
        double lx = x + barWidth / 2;
        double ly = TOP + plotHeight + 10;
        s.append("<text class=\"bin\" x=\"").append(f(lx)).append("\" y=\"").append(f(ly))
            .append("\" text-anchor=\"end\" transform=\"rotate(-40 ").append(f(lx)).append(' ').append(f(ly))
            .append(")\">").append(Html.escape(shortened(labels.get(i)))).append("</text>");
      }
    }
    if (total == 0) {
      s.append("<text class=\"empty\" x=\"").append(LEFT + (int) plotWidth / 2).append("\" y=\"")
          .append(TOP + (int) plotHeight / 2).append("\" text-anchor=\"middle\">no rows</text>");
    }
    s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
        .append(f(TOP + plotHeight)).append("\" y2=\"").append(f(TOP + plotHeight)).append("\"/>");
    s.append("</svg>");
    return s.toString();
  }

  /** The bins' names; numeric bins without one are named from their edges, "[a, b)" (the last one closed). */
  private static List<String> labels(Histogram h, int bins) {
    List<String> out = new ArrayList<>(bins);
    List<Double> edges = h.edges();
    for (int i = 0; i < bins; i++) {
      String name = i < h.bins().size() ? h.bins().get(i) : null;
      if ((name == null || name.isBlank()) && edges.size() > i + 1) {
        name = "[" + Html.number(edges.get(i)) + ", " + Html.number(edges.get(i + 1))
            + (i + 2 == edges.size() ? "]" : ")");
      }
      out.add(name == null || name.isBlank() ? "bin " + (i + 1) : name);
    }
    return out;
  }

  private static List<Long> padded(List<Long> counts, int bins) {
    List<Long> out = new ArrayList<>(bins);
    for (int i = 0; i < bins; i++) {
      Long c = i < counts.size() ? counts.get(i) : null;
      out.add(c == null || c < 0 ? 0L : c);
    }
    return out;
  }

  private static double maxShare(List<Long> counts) {
    long total = total(counts);
    long max = 0;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    return total == 0 ? 0 : max / (double) total;
  }

  private static String shortened(String label) {
    return label.length() <= MAX_LABEL_CHARS ? label : label.substring(0, MAX_LABEL_CHARS - 1) + "…";
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
