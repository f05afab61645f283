package org.mloop.core.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.core.MloopException;

/**
 * The rule that keeps a worse model out of production: the candidate passes when its score on the
 * same held-out data is at least the champion's plus {@code minDelta} (for metrics where higher is
 * better; the comparison flips for error metrics). With no champion yet, the first candidate passes.
 * Anything missing or unreadable is the caller's to fail closed on before it gets here.
 */
public record ChampionGate(String metric, double minDelta, boolean higherIsBetter) {

  /** Metric names whose lower values are better, as Azure ML and MLflow name them. */
  public static boolean lowerIsBetter(String metric) {
    String m = metric.toLowerCase();
    return m.contains("loss") || m.contains("error") || m.equals("rmse") || m.equals("mse") || m.equals("mae")
        || m.equals("log_loss");
  }

  public static ChampionGate forMetric(String metric, double minDelta) {
    if (Double.isNaN(minDelta) || Double.isInfinite(minDelta) || minDelta < 0) {
      throw MloopException.invalid("the minimum delta (min_delta) must be a finite number of at least 0 (a negative margin would let a"
          + " worse model through), got " + minDelta);
    }
    return new ChampionGate(metric, minDelta, !lowerIsBetter(metric));
  }

  /** The outcome, with both figures and a sentence for the CI log. */
  public record Verdict(boolean passed, String metric, String candidate, double candidateScore, String champion,
      Double championScore, double minDelta, String message) {

    public Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("passed", passed);
      json.put("metric", metric);
      json.put("candidate", candidate);
      json.put("candidate_score", candidateScore);
      json.put("champion", champion);
      json.put("champion_score", championScore);
      json.put("min_delta", minDelta);
      json.put("message", message);
      return json;
    }
  }

  public Verdict judge(String candidate, double candidateScore, String champion, Double championScore) {
    if (Double.isNaN(candidateScore)) {
      return new Verdict(false, metric, candidate, candidateScore, champion, championScore, minDelta,
          "the candidate's " + metric + " is NaN: refusing to promote it");
    }
    if (champion == null || championScore == null) {
      return new Verdict(true, metric, candidate, candidateScore, null, null, minDelta,
          "no champion yet: " + candidate + " passes as the first version (" + metric + " "
              + format(candidateScore) + ")");
    }
    double delta = higherIsBetter ? candidateScore - championScore : championScore - candidateScore;
    boolean passed = delta >= minDelta;
    String comparison = candidate + " " + metric + " " + format(candidateScore) + " vs champion " + champion + " "
        + format(championScore) + " (" + (higherIsBetter ? "higher" : "lower") + " is better, required margin "
        + format(minDelta) + ")";
    return new Verdict(passed, metric, candidate, candidateScore, champion, championScore, minDelta,
        (passed ? "passed: " : "blocked: ") + comparison);
  }

  private static String format(double v) {
    return String.format("%.4f", v);
  }
}
