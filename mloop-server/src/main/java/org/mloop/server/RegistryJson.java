package org.mloop.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.mloop.core.json.MlflowJson;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;

/**
 * The model registry in MLflow's wire shapes (model_registry.proto): versions are strings,
 * timestamps epoch millis, tags key/value lists, and every version carries its (deprecated) stage
 * next to its aliases for clients that still read stages.
 */
final class RegistryJson {
  private RegistryJson() {}

  static ObjectNode registeredModel(RegisteredModel m, Collection<ModelVersion> latestVersions) {
    ObjectNode out = MlflowJson.object();
    out.put("name", m.name());
    out.put("creation_timestamp", m.createdAt());
    out.put("last_updated_timestamp", m.updatedAt());
    if (m.description() != null) {
      out.put("description", m.description());
    }
    ArrayNode latest = out.putArray("latest_versions");
    latestVersions.forEach(v -> latest.add(modelVersion(v)));
    out.set("tags", MlflowJson.tags(sorted(m.tags())));
    ArrayNode aliases = out.putArray("aliases");
    new TreeMap<>(m.aliases()).forEach((alias, version) -> {
      ObjectNode a = aliases.addObject();
      a.put("alias", alias);
      a.put("version", String.valueOf(version));
    });
    return out;
  }

  static ObjectNode modelVersion(ModelVersion v) {
    ObjectNode out = MlflowJson.object();
    out.put("name", v.name());
    out.put("version", String.valueOf(v.version()));
    out.put("creation_timestamp", v.createdAt());
    out.put("last_updated_timestamp", v.updatedAt());
    out.put("current_stage", ModelStages.of(v));
    if (v.description() != null) {
      out.put("description", v.description());
    }
    out.put("source", ModelSources.downloadUri(v));
    if (v.runId() != null) {
      out.put("run_id", v.runId());
    }
    // Files are copied and verified before the version exists, so a visible version is always ready.
    out.put("status", "READY");
    out.set("tags", MlflowJson.tags(sorted(v.tags())));
    ArrayNode aliases = out.putArray("aliases");
    v.aliases().stream().sorted().forEach(aliases::add);
    return out;
  }

  static ObjectNode wrap(String field, ObjectNode value) {
    ObjectNode out = MlflowJson.object();
    out.set(field, value);
    return out;
  }

  private static Map<String, String> sorted(Map<String, String> tags) {
    return new TreeMap<>(tags == null ? Map.of() : tags);
  }
}
