package org.mloop.studio.pages;

import java.util.List;

/**
 * The loop at a glance: each registered model's production and staging versions with their key metrics,
 * each endpoint's deployments and traffic split, the latest jobs and each monitor's latest verdict.
 */
public record Overview(List<ModelRow> models, List<EndpointRow> endpoints, List<JobRow> jobs,
    List<MonitorRow> monitors) {

  /** A registered model; {@code aliases} are its production and staging versions, in that order, when set. */
  public record ModelRow(String name, Integer latestVersion, List<AliasRow> aliases) {}

  /** The version an alias points at, with up to {@link OverviewPage#KEY_METRICS} metrics of its run. */
  public record AliasRow(String alias, int version, long createdAt, List<Metric> metrics) {}

  public record Metric(String name, String value) {}

  public record EndpointRow(String name, String authMode, List<DeploymentRow> deployments) {}

  /** A deployment, the model version it serves and its live and mirrored share of the endpoint's traffic. */
  public record DeploymentRow(String name, String model, int traffic, int mirror) {}

  /** The latest run of a monitor; null {@code verdict} before its first run. */
  public record MonitorRow(String name, String endpoint, String verdict, String summary, Long finishedAt) {}
}
