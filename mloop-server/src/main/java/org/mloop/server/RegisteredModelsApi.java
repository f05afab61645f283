package org.mloop.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;
import org.mloop.core.json.MlflowJson;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.registry.RegistryStore;
import org.mloop.core.tracking.SearchFilter;
import org.mloop.core.tracking.SearchFilter.Kind;
import org.mloop.core.tracking.SearchFilter.Target;

/**
 * MLflow's /registered-models/* endpoints on mloop's registry, aliases included. Not served:
 * rename and delete (mloop keeps a model's name and its versions' trail for good), which answer
 * ENDPOINT_NOT_FOUND like anything else not implemented.
 */
final class RegisteredModelsApi {
  static final String BASE = TrackingApi.BASE + "/registered-models";
  private static final int DEFAULT_MAX_RESULTS = 100;
  private static final int MAX_RESULTS = 1000;

  /** MLflow's alias calls name the model and the alias in their fields. */
  static final Guard ALIAS = Guard.on(Permission.ALIASES_WRITE,
      (ctx, f) -> List.of(Resource.alias(f.requiredString("name"), f.requiredString("alias"))));

  private final RegistryStore store;
  private final ModelSources sources;

  RegisteredModelsApi(RegistryStore store, ModelSources sources) {
    this.store = store;
    this.sources = sources;
  }

  void register(Routes routes) {
    routes.post(BASE + "/create", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> {
      RegisteredModel m = store.createRegisteredModel(name(f), emptyToNull(f.string("description")), f.keyValues("tags"));
      return response(m);
    });
    routes.get(BASE + "/get", (ctx, f) -> response(model(name(f))));
    routes.get(BASE + "/search", (ctx, f) -> search(f));
    routes.post(BASE + "/search", Guard.READ, (ctx, f) -> search(f));
    routes.json(HttpMethod.PATCH, BASE + "/update", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> update(f));
    routes.post(BASE + "/update", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> update(f));
    routes.get(BASE + "/get-latest-versions", (ctx, f) -> latestVersions(f));
    routes.post(BASE + "/get-latest-versions", Guard.READ, (ctx, f) -> latestVersions(f));
    routes.post(BASE + "/set-tag", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> {
      store.setRegisteredModelTag(name(f), f.requiredString("key"), f.requiredValue("value"));
      return MlflowJson.object();
    });
    routes.bodyOrQuery(HttpMethod.DELETE, BASE + "/delete-tag", Guard.of(Permission.MODELS_WRITE), (ctx, f) -> {
      store.deleteRegisteredModelTag(name(f), f.requiredString("key"));
      return MlflowJson.object();
    });
    routes.post(BASE + "/alias", ALIAS, (ctx, f) -> {
      String name = name(f);
      String alias = ModelRef.checkAlias(f.requiredString("alias"), name + "@" + f.string("alias"));
      store.setModelAlias(name, alias, version(f), BearerAuth.user(ctx), emptyToNull(f.string("reason")));
      return MlflowJson.object();
    });
    routes.bodyOrQuery(HttpMethod.DELETE, BASE + "/alias", ALIAS, (ctx, f) -> {
      store.deleteModelAlias(name(f), f.requiredString("alias"), BearerAuth.user(ctx), emptyToNull(f.string("reason")));
      return MlflowJson.object();
    });
    routes.get(BASE + "/alias", (ctx, f) -> {
      ModelVersion v = sources.resolve(new ModelRef(name(f), null, f.requiredString("alias")));
      return RegistryJson.wrap("model_version", RegistryJson.modelVersion(v));
    });
  }

  static String name(Fields f) {
    return f.requiredString("name");
  }

  /** A version number as MLflow sends it: a string ("3") or a number. */
  static int version(Fields f) {
    String text = f.requiredString("version").trim();
    try {
      int version = Integer.parseInt(text);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw MloopException.invalid("Invalid value '" + text + "' for parameter 'version': expected a version number"
        + " (1, 2, ...)");
  }

  private RegisteredModel model(String name) {
    return store.getRegisteredModel(name)
        .orElseThrow(() -> MloopException.notFound("Registered Model with name=" + name + " not found"));
  }

  private ObjectNode response(RegisteredModel m) {
    return RegistryJson.wrap("registered_model", RegistryJson.registeredModel(m, latestPerStage(m.name(), List.of())));
  }

  private ObjectNode update(Fields f) {
    RegisteredModel m = store.updateRegisteredModelDescription(name(f), emptyToNull(f.string("description")));
    return response(m);
  }

  /** MLflow's get-latest-versions: the newest version in each asked stage (all four when none are asked). */
  private ObjectNode latestVersions(Fields f) {
    RegisteredModel m = model(name(f));
    List<String> stages = new ArrayList<>();
    for (String stage : f.strings("stages")) {
      stages.add(ModelStages.canonical(stage));
    }
    ObjectNode out = MlflowJson.object();
    ArrayNode versions = out.putArray("model_versions");
    latestPerStage(m.name(), stages).forEach(v -> versions.add(RegistryJson.modelVersion(v)));
    return out;
  }

  private List<ModelVersion> latestPerStage(String name, List<String> stages) {
    List<String> wanted = stages.isEmpty() ? ModelStages.ALL : stages;
    List<ModelVersion> out = new ArrayList<>();
    List<ModelVersion> newestFirst = store.listModelVersions(name);
    for (String stage : wanted) {
      newestFirst.stream().filter(v -> ModelStages.of(v).equals(stage)).findFirst()
          .filter(v -> !out.contains(v)).ifPresent(out::add);
    }
    out.sort(Comparator.comparingInt(ModelVersion::version));
    return out;
  }

  private ObjectNode search(Fields f) {
    RegistryFilter<RegisteredModel> filter = new RegistryFilter<>(
        SearchFilter.parseRegisteredModels(emptyToNull(f.string("filter"))), Target.REGISTERED_MODELS,
        (m, clause) -> clause.kind() == Kind.TAG ? m.tags().get(clause.key()) : m.name());
    List<RegisteredModel> matching = new ArrayList<>();
    for (RegisteredModel m : store.listRegisteredModels(null)) {
      if (filter.matches(m)) {
        matching.add(m);
      }
    }
    matching.sort(order(f.strings("order_by")));
    int max = maxResults(f);
    int offset = RegistryFilter.offset(emptyToNull(f.string("page_token")));
    ObjectNode out = MlflowJson.object();
    ArrayNode models = out.putArray("registered_models");
    for (RegisteredModel m : RegistryFilter.page(matching, offset, max)) {
      models.add(RegistryJson.registeredModel(m, latestPerStage(m.name(), List.of())));
    }
    if (offset + max < matching.size()) {
      out.put("next_page_token", String.valueOf(offset + max));
    }
    return out;
  }

  static int maxResults(Fields f) {
    int max = f.intValue("max_results", DEFAULT_MAX_RESULTS);
    if (max < 1 || max > MAX_RESULTS) {
      throw MloopException.invalid("Invalid value " + max + " for parameter 'max_results': it must be between 1 and "
          + MAX_RESULTS);
    }
    return max;
  }

  /** MLflow orders registered models by name, last_updated_timestamp or creation_timestamp, ASC or DESC. */
  private static Comparator<RegisteredModel> order(List<String> orderBy) {
    Comparator<RegisteredModel> byName = Comparator.comparing(RegisteredModel::name);
    return RegistryFilter.order(orderBy, Map.of(
        "name", byName,
        "creation_timestamp", Comparator.comparingLong(RegisteredModel::createdAt),
        "last_updated_timestamp", Comparator.comparingLong(RegisteredModel::updatedAt),
        "timestamp", Comparator.comparingLong(RegisteredModel::updatedAt)), byName, "registered models");
  }

  static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
