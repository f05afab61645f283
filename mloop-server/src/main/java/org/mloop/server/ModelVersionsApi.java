package org.mloop.server;

import static org.mloop.server.RegisteredModelsApi.emptyToNull;
import static org.mloop.server.RegisteredModelsApi.name;
import static org.mloop.server.RegisteredModelsApi.version;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;
import org.mloop.core.json.MlflowJson;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.registry.RegistryStore;
import org.mloop.core.tracking.SearchFilter;
import org.mloop.core.tracking.SearchFilter.Clause;
import org.mloop.core.tracking.SearchFilter.Kind;
import org.mloop.core.tracking.SearchFilter.Target;

/** MLflow's /model-versions/* endpoints on mloop's registry, including the deprecated transition-stage. */
final class ModelVersionsApi {
  static final String BASE = TrackingApi.BASE + "/model-versions";

  /**
   * A stage transition may set or delete the model's staging and production aliases (leaving one stage
   * for another, or for None/Archived), so it needs the alias permission on both.
   */
  static final Guard STAGES = Guard.on(Permission.ALIASES_WRITE, (ctx, f) -> List.of(
      Resource.alias(f.requiredString("name"), "staging"), Resource.alias(f.requiredString("name"), "production")));

  private final RegistryStore store;
  private final ModelSources sources;

  ModelVersionsApi(RegistryStore store, ModelSources sources) {
    this.store = store;
    this.sources = sources;
  }

  void register(Routes routes) {
    routes.post(BASE + "/create", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> {
      ModelVersion v = sources.register(name(f), f.requiredString("source"), emptyToNull(f.string("run_id")),
          emptyToNull(f.string("description")), f.keyValues("tags"));
      return response(v);
    });
    routes.get(BASE + "/get", (ctx, f) -> response(get(f)));
    routes.get(BASE + "/search", (ctx, f) -> search(f));
    routes.post(BASE + "/search", Guard.READ, (ctx, f) -> search(f));
    routes.json(HttpMethod.PATCH, BASE + "/update", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> update(f));
    routes.post(BASE + "/update", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> update(f));
    routes.bodyOrQuery(HttpMethod.DELETE, BASE + "/delete", Guard.of(Permission.DELETE), (ctx, f) -> {
      store.deleteModelVersion(name(f), version(f));
      return MlflowJson.object();
    });
    routes.get(BASE + "/get-download-uri", (ctx, f) -> {
      ObjectNode out = MlflowJson.object();
      out.put("artifact_uri", ModelSources.downloadUri(get(f)));
      return out;
    });
    routes.post(BASE + "/transition-stage", STAGES, (ctx, f) -> {
      boolean archiveExisting = f.booleanValue("archive_existing_versions", false);
      return response(ModelStages.transition(store, name(f), version(f), f.requiredString("stage"), archiveExisting,
          BearerAuth.user(ctx)));
    });
    routes.post(BASE + "/set-tag", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> {
      store.setModelVersionTag(name(f), version(f), f.requiredString("key"), f.requiredValue("value"));
      return MlflowJson.object();
    });
    routes.bodyOrQuery(HttpMethod.DELETE, BASE + "/delete-tag", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> {
      store.deleteModelVersionTag(name(f), version(f), f.requiredString("key"));
      return MlflowJson.object();
    });
  }

  private ModelVersion get(Fields f) {
    return sources.resolve(ModelRef.ofVersion(name(f), version(f)));
  }

  private static ObjectNode response(ModelVersion v) {
    return RegistryJson.wrap("model_version", RegistryJson.modelVersion(v));
  }

  private ObjectNode update(Fields f) {
    get(f);
    return response(store.updateModelVersionDescription(name(f), version(f), emptyToNull(f.string("description"))));
  }

  private ObjectNode search(Fields f) {
    RegistryFilter<ModelVersion> filter = new RegistryFilter<>(
        SearchFilter.parseModelVersions(emptyToNull(f.string("filter"))), Target.MODEL_VERSIONS,
        ModelVersionsApi::valueOf);
    List<ModelVersion> matching = new ArrayList<>();
    for (RegisteredModel m : store.listRegisteredModels(null)) {
      for (ModelVersion v : store.listModelVersions(m.name())) {
        if (filter.matches(v)) {
          matching.add(v);
        }
      }
    }
    // Without order_by: by name, each model's newest version first.
    Comparator<ModelVersion> newestFirst = Comparator.comparing(ModelVersion::name)
        .thenComparing(Comparator.comparingInt(ModelVersion::version).reversed());
    matching.sort(RegistryFilter.order(f.strings("order_by"), Map.of(
        "name", Comparator.comparing(ModelVersion::name),
        "version_number", Comparator.comparingInt(ModelVersion::version),
        "creation_timestamp", Comparator.comparingLong(ModelVersion::createdAt),
        "last_updated_timestamp", Comparator.comparingLong(ModelVersion::updatedAt)), newestFirst, "model versions"));
    int max = RegisteredModelsApi.maxResults(f);
    int offset = RegistryFilter.offset(emptyToNull(f.string("page_token")));
    ObjectNode out = MlflowJson.object();
    ArrayNode versions = out.putArray("model_versions");
    RegistryFilter.page(matching, offset, max).forEach(v -> versions.add(RegistryJson.modelVersion(v)));
    if (offset + max < matching.size()) {
      out.put("next_page_token", String.valueOf(offset + max));
    }
    return out;
  }

  private static String valueOf(ModelVersion v, Clause clause) {
    if (clause.kind() == Kind.TAG) {
      return v.tags().get(clause.key());
    }
    return switch (clause.key()) {
      case "name" -> v.name();
      case "run_id" -> v.runId();
      case "source_path" -> ModelSources.downloadUri(v);
      case "version_number" -> String.valueOf(v.version());
      default -> null;
    };
  }
}
