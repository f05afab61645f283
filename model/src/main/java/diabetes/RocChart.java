package diabetes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws a ROC curve as a PNG with plain java.awt, so it works on a server without a display. */
public final class RocChart {
  static final int WIDTH = 640;
  static final int HEIGHT = 480;
  private static final int LEFT = 70;
  private static final int RIGHT = 25;
  private static final int TOP = 45;
  private static final int BOTTOM = 60;

  private RocChart() {}

  /** Writes the curve through the points (fpr[i], tpr[i]) with the AUC in the title. */
  public static void write(Path png, double[] falsePositiveRate, double[] truePositiveRate, double auc) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      drawAxes(g);
      drawChanceLine(g);
      drawCurve(g, falsePositiveRate, truePositiveRate);
      drawLabels(g, auc);
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }

  private static int x(double fpr) {
    return LEFT + (int) Math.round(fpr * (WIDTH - LEFT - RIGHT));
  }

  private static int y(double tpr) {
    return HEIGHT - BOTTOM - (int) Math.round(tpr * (HEIGHT - TOP - BOTTOM));
  }

  private static void drawAxes(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics metrics = g.getFontMetrics();
    for (int i = 0; i <= 5; i++) {
      double v = i / 5.0;
      String text = String.format(Locale.ROOT, "%.1f", v);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(x(v), y(0), x(v), y(1));
      g.drawLine(x(0), y(v), x(1), y(v));
      g.setColor(Color.DARK_GRAY);
      g.drawLine(x(v), y(0), x(v), y(0) + 5);
      g.drawLine(x(0) - 5, y(v), x(0), y(v));
      g.drawString(text, x(v) - metrics.stringWidth(text) / 2, y(0) + 7 + metrics.getAscent());
      g.drawString(text, x(0) - 8 - metrics.stringWidth(text), y(v) + metrics.getAscent() / 2 - 1);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x(0), y(1), x(1) - x(0), y(0) - y(1));
  }

  private static void drawChanceLine(Graphics2D g) {
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
    g.drawLine(x(0), y(0), x(1), y(1));
  }

  private static void drawCurve(Graphics2D g, double[] fpr, double[] tpr) {
    Path2D.Double curve = new Path2D.Double();
    curve.moveTo(x(0), y(0));
    for (int i = 0; i < fpr.length; i++) {
      curve.lineTo(x(fpr[i]), y(tpr[i]));
    }
    curve.lineTo(x(1), y(1));
    g.setColor(new Color(31, 119, 180));
    g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(curve);
  }

  private static void drawLabels(Graphics2D g, double auc) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    String title = String.format(Locale.ROOT, "ROC Curve (AUC = %.3f)", auc);
    FontMetrics titleMetrics = g.getFontMetrics();
    g.drawString(title, (WIDTH - titleMetrics.stringWidth(title)) / 2, TOP - 15);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    FontMetrics metrics = g.getFontMetrics();
    String xLabel = "False Positive Rate";
    g.drawString(xLabel, (x(0) + x(1) - metrics.stringWidth(xLabel)) / 2, HEIGHT - 15);
    String yLabel = "True Positive Rate";
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(y(0) + y(1) + metrics.stringWidth(yLabel)) / 2, 22);
    g.setTransform(saved);
  }
}
