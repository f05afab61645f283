package org.mloop.core.tracking;

import java.util.List;

/** A run's latest metric values, its params and its tags. */
public record RunData(List<Metric> metrics, List<Param> params, List<RunTag> tags) {

  public String tag(String key) {
    return tags.stream().filter(t -> t.key().equals(key)).map(RunTag::value).findFirst().orElse(null);
  }

  public Double metric(String key) {
    return metrics.stream().filter(m -> m.key().equals(key)).map(Metric::value).findFirst().orElse(null);
  }

  public String param(String key) {
    return params.stream().filter(p -> p.key().equals(key)).map(Param::value).findFirst().orElse(null);
  }
}
