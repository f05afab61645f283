package org.mloop.studio.pages;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.mloop.core.tracking.Metric;

/**
 * A step chart of one metric: one line per run, each point a step and the value logged at it. The page
 * carries it as JSON in a data attribute ({@link #json}, escaped by the template), drawn by the studio's
 * charts script: no inline script.
 */
public record Chart(String metric, List<Series> series) {
  /** One run's values of the metric, in step order. */
  public record Series(String name, List<double[]> points) {
    static Series of(String name, List<Metric> history) {
      return new Series(name, history.stream().sorted((a, b) -> Long.compare(a.step(), b.step()))
          .map(m -> new double[] {m.step(), m.value()}).toList());
    }
  }

  /** {"metric": "...", "series": [{"name": "...", "points": [[step, value], ...]}]}; NaN and infinities as null. */
  public String json() {
    JsonArray lines = new JsonArray();
    for (Series s : series) {
      JsonArray points = new JsonArray();
      for (double[] p : s.points()) {
        points.add(new JsonArray().add((long) p[0]).add(Double.isFinite(p[1]) ? p[1] : null));
      }
      lines.add(new JsonObject().put("name", s.name()).put("points", points));
    }
    return new JsonObject().put("metric", metric).put("series", lines).encode();
  }
}
