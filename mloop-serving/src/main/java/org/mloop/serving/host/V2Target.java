package org.mloop.serving.host;

import java.util.Comparator;
import java.util.List;
import org.mloop.serving.protocol.ScoringException;

/**
 * The model named in an Open Inference path, {@code /v2/models/MODEL[/versions/V]/infer}. MODEL may
 * be a deployment's name (targets it), or the endpoint's or the served model's name (routes by
 * traffic); a version picks a deployment serving that model version.
 */
record V2Target(String model, String version) {

  /** The deployment this path targets, or null to route by live traffic. */
  LoadedDeployment choose(RoutingTable table) {
    String endpoint = table.endpoint.name();
    if (table.deploymentNames.contains(model)) {
      LoadedDeployment d = table.byName(model);
      if (version != null && !version.equals(Integer.toString(d.deployment().modelVersion()))) {
        throw new ScoringException(404, "deployment '" + model + "' of endpoint '" + endpoint + "' serves "
            + d.deployment().modelName() + ":" + d.deployment().modelVersion() + ", not version " + version);
      }
      return d;
    }
    boolean known = model.equals(endpoint)
        || table.loaded.values().stream().anyMatch(d -> d.deployment().modelName().equals(model));
    if (!known) {
      throw new ScoringException(404, "endpoint '" + endpoint + "' serves no model '" + model + "'; name the endpoint ("
          + endpoint + "), a deployment (" + String.join(", ", table.deploymentNames) + ") or a served model ("
          + String.join(", ", servedModels(table)) + ") in /v2/models/NAME/infer");
    }
    if (version == null) {
      return null;
    }
    return table.loaded.values().stream()
        .filter(d -> model.equals(endpoint) || d.deployment().modelName().equals(model))
        .filter(d -> version.equals(Integer.toString(d.deployment().modelVersion())))
        .max(Comparator.comparingInt(d -> table.endpoint.trafficOf(d.name())))
        .orElseThrow(() -> new ScoringException(404, "no deployment of endpoint '" + endpoint + "' serves version "
            + version + " of model '" + model + "'; it serves " + String.join(", ", servedModels(table))));
  }

  static List<String> servedModels(RoutingTable table) {
    return table.loaded.values().stream()
        .map(d -> d.deployment().modelName() + ":" + d.deployment().modelVersion())
        .distinct().sorted().toList();
  }
}
