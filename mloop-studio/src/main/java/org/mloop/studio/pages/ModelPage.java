package org.mloop.studio.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.workspace.Workspace;

/**
 * A registered model: its versions (newest first) with their aliases, job and metrics, and the trail of
 * its aliases, newest move first: who moved which alias from which version to which, when and why.
 */
public record ModelPage(String name, String description, List<VersionRow> versions, List<AliasMove> aliasTrail) {

  public record VersionRow(int version, String status, List<String> aliases, long createdAt, String jobName,
      String runId, List<Overview.Metric> metrics) {}

  /** A model in the models list: its aliases as "production: 3". */
  public record ListRow(String name, Integer latestVersion, List<String> aliases, long updatedAt) {}

  public static List<ListRow> list(Workspace workspace) {
    return workspace.registry().listModels().stream().map(ModelPage::listRow).toList();
  }

  public static ModelPage of(Workspace workspace, String name) {
    RegisteredModel model = workspace.registry().getModel(name);
    List<VersionRow> versions = workspace.registry().listVersions(name).stream().map(ModelPage::versionRow).toList();
    List<AliasMove> trail = new ArrayList<>(workspace.registry().aliasHistory(name, null));
    java.util.Collections.reverse(trail);
    return new ModelPage(model.name(), model.description(), versions, trail);
  }

  private static ListRow listRow(RegisteredModel model) {
    Map<String, Integer> aliases = model.aliases() == null ? Map.of() : new TreeMap<>(model.aliases());
    return new ListRow(model.name(), model.latestVersion(),
        aliases.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList(), model.updatedAt());
  }

  private static VersionRow versionRow(ModelVersion v) {
    Map<String, Double> metrics = v.lineage() == null || v.lineage().metrics() == null
        ? Map.of() : new TreeMap<>(v.lineage().metrics());
    return new VersionRow(v.version(), v.status() == null ? "" : v.status().name(),
        v.aliases() == null ? List.of() : v.aliases(), v.createdAt(), v.jobName(), v.runId(),
        metrics.entrySet().stream().map(e -> new Overview.Metric(e.getKey(), Format.metric(e.getValue()))).toList());
  }
}
