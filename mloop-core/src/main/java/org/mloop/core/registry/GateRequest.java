package org.mloop.core.registry;

import org.mloop.core.MloopException;
import org.mloop.core.data.AssetRef;

/**
 * One run of the champion gate: the candidate version, the version it must beat (by default its
 * model's production alias), the held-out data both are scored on, the metric and the required
 * margin ({@link ChampionGate}), and the label column (null: the one each model names). Built with
 * {@link #builder(ModelRef)}; the metric and margin are checked here, by the gate's rule.
 */
public record GateRequest(ModelRef candidate, ModelRef champion, AssetRef data, String metric, double minDelta,
    String label) {
  public static final String DEFAULT_CHAMPION_ALIAS = "production";
  public static final String DEFAULT_METRIC = "AUC";

  public GateRequest {
    if (candidate == null) {
      throw MloopException.invalid("the gate needs a candidate model version (candidate)");
    }
    if (champion == null) {
      champion = new ModelRef(candidate.name(), null, DEFAULT_CHAMPION_ALIAS);
    }
    if (champion.alias() == null && champion.version() == null) {
      throw MloopException.invalid("champion '" + champion.name() + "' names no version: use an alias such as "
          + champion.name() + "@" + DEFAULT_CHAMPION_ALIAS + ", or a version such as " + champion.name() + ":3");
    }
    if (data == null) {
      throw MloopException.invalid("the gate needs a held-out data asset to score both versions on (data)");
    }
    if (metric == null || metric.isBlank()) {
      metric = DEFAULT_METRIC;
    }
    if (label != null && label.isBlank()) {
      label = null;
    }
    ChampionGate.forMetric(metric, minDelta); // refuses a margin that would let a worse model through
  }

  /** The rule this request is judged by. */
  public ChampionGate rule() {
    return ChampionGate.forMetric(metric, minDelta);
  }

  public static Builder builder(ModelRef candidate) {
    return new Builder(candidate);
  }

  /** Defaults: the candidate model's production alias, AUC, no margin, the models' own label column. */
  public static final class Builder {
    private final ModelRef candidate;
    private ModelRef champion;
    private AssetRef data;
    private String metric = DEFAULT_METRIC;
    private double minDelta;
    private String label;

    private Builder(ModelRef candidate) {
      this.candidate = candidate;
    }

    public Builder champion(ModelRef value) {
      this.champion = value;
      return this;
    }

    public Builder data(AssetRef value) {
      this.data = value;
      return this;
    }

    public Builder metric(String value) {
      this.metric = value;
      return this;
    }

    public Builder minDelta(double value) {
      this.minDelta = value;
      return this;
    }

    public Builder label(String value) {
      this.label = value;
      return this;
    }

    public GateRequest build() {
      return new GateRequest(candidate, champion, data, metric, minDelta, label);
    }
  }
}
