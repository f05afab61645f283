package org.mloop.studio.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.workspace.Workspace;

/** Reads the overview from the workspace's services. */
public final class OverviewPage {
  /** The aliases the overview shows, in this order. */
  public static final List<String> ALIASES = List.of("production", "staging");
  public static final int KEY_METRICS = 4;
  public static final int LATEST_JOBS = 10;

  private OverviewPage() {}

  public static Overview read(Workspace workspace) {
    return new Overview(models(workspace), endpoints(workspace), latestJobs(workspace, LATEST_JOBS),
        monitors(workspace));
  }

  /** The newest jobs first. */
  public static List<JobRow> latestJobs(Workspace workspace, int limit) {
    return workspace.jobs().list(new JobQuery(null, null, limit)).stream().map(JobRow::of).toList();
  }

  private static List<Overview.ModelRow> models(Workspace workspace) {
    List<Overview.ModelRow> rows = new ArrayList<>();
    for (RegisteredModel model : workspace.registry().listModels()) {
      List<Overview.AliasRow> aliases = new ArrayList<>();
      for (String alias : ALIASES) {
        Integer version = model.aliases() == null ? null : model.aliases().get(alias);
        if (version != null) {
          ModelVersion v = workspace.registry().getVersion(ModelRef.ofVersion(model.name(), version));
          aliases.add(new Overview.AliasRow(alias, version, v.createdAt(), keyMetrics(v)));
        }
      }
      rows.add(new Overview.ModelRow(model.name(), model.latestVersion(), aliases));
    }
    return rows;
  }

  private static List<Overview.Metric> keyMetrics(ModelVersion version) {
    Map<String, Double> metrics = version.lineage() == null || version.lineage().metrics() == null
        ? Map.of() : new TreeMap<>(version.lineage().metrics());
    return metrics.entrySet().stream().limit(KEY_METRICS)
        .map(e -> new Overview.Metric(e.getKey(), Format.metric(e.getValue()))).toList();
  }

  /** Every endpoint with its deployments and their traffic. */
  public static List<Overview.EndpointRow> endpoints(Workspace workspace) {
    List<Overview.EndpointRow> rows = new ArrayList<>();
    for (Endpoint endpoint : workspace.endpoints().list()) {
      List<Overview.DeploymentRow> deployments = new ArrayList<>();
      for (Deployment d : workspace.endpoints().listDeployments(endpoint.name())) {
        deployments.add(new Overview.DeploymentRow(d.name(), d.model().toString(), endpoint.trafficOf(d.name()),
            endpoint.mirrorOf(d.name())));
      }
      rows.add(new Overview.EndpointRow(endpoint.name(), endpoint.authMode().name().toLowerCase(java.util.Locale.ROOT),
          deployments));
    }
    return rows;
  }

  /** Every monitor with its latest run's verdict. */
  public static List<Overview.MonitorRow> monitors(Workspace workspace) {
    List<Overview.MonitorRow> rows = new ArrayList<>();
    for (Monitor monitor : workspace.monitors().list()) {
      List<MonitorRun> runs = workspace.monitors().listRuns(monitor.name(), 1);
      MonitorRun last = runs.isEmpty() ? null : runs.get(0);
      rows.add(new Overview.MonitorRow(monitor.name(), monitor.spec().endpoint(),
          last == null ? null : last.verdict().name(), last == null ? "no run yet" : last.summary(),
          last == null ? null : last.finishedAt()));
    }
    return rows;
  }
}
