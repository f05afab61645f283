package org.mloop.core.monitoring;

import java.time.Duration;
import java.util.List;

/**
 * What a monitor is asked to do (the "spec" of a Kubernetes-style resource; its runs are the status).
 *
 * @param name       unique, same rules as endpoint names
 * @param endpoint   the online endpoint whose collected production data is the input
 * @param baseline   a data asset reference ("mloop:NAME:VERSION" or "mloop:NAME@latest"), or null for
 *                   the training data recorded in the lineage of the model version the endpoint serves
 * @param signals    the signals computed, in {@link Signal} order, never empty
 * @param thresholds the rules that turn metrics into drift/alerts
 * @param every      how often {@code mloop server} runs it; null for on-demand only
 * @param window     how much production data a run reads when no explicit range is given (e.g. 24h)
 * @param webhooks   URLs an alert is POSTed to (JSON), retried, never blocking scoring
 */
public record MonitorSpec(String name, String endpoint, String baseline, List<Signal> signals, Thresholds thresholds,
    Duration every, Duration window, List<String> webhooks) {

  public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

  public MonitorSpec {
    // Absent lists (a JSON body without them) are empty; an empty signal list is refused where specs are checked.
    signals = signals == null ? List.of() : List.copyOf(signals);
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    if (thresholds == null) {
      thresholds = Thresholds.defaults();
    }
    if (window == null) {
      window = DEFAULT_WINDOW;
    }
  }
}
