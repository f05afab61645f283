package org.mloop.cli.monitors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.MloopException;
import org.mloop.core.data.AssetRef;
import org.mloop.core.monitoring.MonitorCreation;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {"Create a monitor of an online endpoint. Its input is the production data the endpoint's "
        + "deployments collect; deployments that collect nothing get collection turned on at 100%% (and this says so).",
        "The baseline is the training data recorded in the lineage of the model version the endpoint serves, "
            + "unless --baseline names a data asset.",
        "Default rules (per feature; change them with --thresholds): data drift when the normalized Wasserstein "
            + "distance >= 0.1 (Kolmogorov-Smirnov p < 0.05 for baselines of 1,000 rows or fewer), Jensen-Shannon "
            + ">= 0.1 (chi-squared p < 0.05) for categorical features; the dataset drifts when half its features "
            + "do; data quality alerts when a feature's share of missing values exceeds the baseline's by more "
            + "than 0.01, when more than 1%% of its values lie outside the baseline's min-max, or on any value of "
            + "the wrong type; performance alerts when it falls 0.05 below the registered version's."},
    footer = {"", "Thresholds file (YAML or JSON): top-level names apply to every feature,",
        "features: to one feature. For example:",
        "  normalized_wasserstein: 0.15",
        "  out_of_range_rate: 0.01",
        "  features:",
        "    Age: {normalized_wasserstein: 0.2}",
        "Names: normalized_wasserstein, ks_p_value, jensen_shannon, chi_squared_p_value,",
        "  small_baseline_rows, categorical_max_distinct, dataset_drift_share, null_rate,",
        "  type_error_rate, out_of_range_rate, performance_drop.",
        "", "Examples:",
        "  mloop monitor create --name diabetes-prod-monitor \\",
        "      --endpoint diabetes-prod --every 1h",
        "  mloop monitor create --name diabetes-prod-monitor \\",
        "      --endpoint diabetes-prod --baseline mloop:diabetes-prod-folder@latest \\",
        "      --signals data_drift,data_quality --thresholds thresholds.yml \\",
        "      --window 6h --webhook http://127.0.0.1:9000/alerts"})
public final class MonitorCreateCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true, description = "Monitor name, e.g. diabetes-prod-monitor.")
  String name;

  @Option(names = "--endpoint", required = true, description = "The online endpoint to watch.")
  String endpoint;

  @Option(names = "--baseline", paramLabel = "mloop:NAME@latest",
      description = "Data asset to compare with, NAME@latest or NAME:VERSION (default: the served model version's "
          + "training data).")
  String baseline;

  @Option(names = "--signals", split = ",", paramLabel = "SIGNAL",
      description = "What to compute: data_drift, prediction_drift, data_quality, model_performance (default: all).")
  List<String> signals;

  @Option(names = "--thresholds", paramLabel = "FILE", description = "YAML or JSON file of thresholds (see below).")
  Path thresholds;

  @Option(names = "--every", paramLabel = "DURATION",
      description = "Run inside mloop server this often, e.g. 1h (default: only on demand).")
  String every;

  @Option(names = "--window", paramLabel = "DURATION", defaultValue = "24h",
      description = "Production data a run reads, back from now (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--webhook", paramLabel = "URL",
      description = "POST alerts (JSON) to this URL, retried; repeat for several.")
  List<String> webhooks = new ArrayList<>();

  private MonitorSpec monitor;

  @Override
  protected void checkOptions() {
    monitor = spec();
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    MonitorCreation created = ws.monitors().create(monitor);
    out.result(created, () -> {
      out.line("Created monitor " + created.monitor().name() + " of endpoint " + monitor.endpoint());
      out.fields(MonitorViews.fields(created.monitor()).stream()
          .filter(f -> !f[0].equals("name") && !f[0].equals("created")).toList());
      if (!created.collectionTurnedOn().isEmpty()) {
        out.line("Data collection was off on deployment(s) " + String.join(", ", created.collectionTurnedOn())
            + " of " + monitor.endpoint() + ": turned on at 100%");
      }
      out.line("Next: mloop monitor run --name " + created.monitor().name());
    });
    return 0;
  }

  /** The spec the options describe; every mistake is refused here, before the workspace is opened. */
  MonitorSpec spec() {
    String ref = baseline == null ? null : AssetRef.parse(baseline).toString();
    Duration everyDuration = every == null ? null : MonitorViews.duration(every, "--every");
    Duration windowDuration = MonitorViews.duration(window, "--window");
    Thresholds t = thresholds == null ? Thresholds.defaults() : ThresholdsFile.read(thresholds);
    for (String url : webhooks) {
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw MloopException.invalid("--webhook: '" + url + "' is not an http:// or https:// URL");
      }
    }
    return new MonitorSpec(name, endpoint, ref, signals(signals), t, everyDuration, windowDuration, webhooks);
  }

  /** The signals named, in Signal order, each once; all of them when none is named. */
  static List<Signal> signals(List<String> names) {
    if (names == null || names.isEmpty()) {
      return List.of(Signal.values());
    }
    Set<Signal> chosen = EnumSet.noneOf(Signal.class);
    for (String n : names) {
      if (n.isBlank()) {
        throw MloopException.invalid("--signals: an empty name; write e.g. data_drift,data_quality");
      }
      chosen.add(Signal.parse(n));
    }
    return List.copyOf(chosen);
  }
}
