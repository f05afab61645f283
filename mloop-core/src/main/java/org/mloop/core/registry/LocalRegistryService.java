package org.mloop.core.registry;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.data.DataService;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.tracking.TrackingStore;

/**
 * The registry of a local workspace: registrations verified and copied by {@link ModelRegistrar},
 * references resolved to versions, alias moves recorded with who and why, files read from the
 * artifact store (content-addressed under {@code models/NAME/SHA256/}); the champion gate scored
 * by the {@link ModelEvaluator} this process was given.
 */
public final class LocalRegistryService implements RegistryService {
  private final RegistryStore store;
  private final ArtifactStore artifacts;
  private final ModelRegistrar registrar;
  private final ChampionGateRun gate;

  /**
   * {@code tracking} and {@code jobs} give a registration its lineage; the gate reads held-out data
   * from {@code data} and scores with {@code evaluator} (null in a process that scores no models).
   */
  public LocalRegistryService(RegistryStore store, TrackingStore tracking, JobStore jobs, ArtifactStore artifacts,
      DataService data, ModelEvaluator evaluator) {
    this.store = store;
    this.artifacts = artifacts;
    this.registrar = new ModelRegistrar(store, tracking, jobs, artifacts);
    this.gate = evaluator == null ? null : new ChampionGateRun(this, data, evaluator);
  }

  @Override
  public ModelVersion register(ModelRegistration registration) {
    return registrar.register(registration);
  }

  @Override
  public ModelVersion getVersion(ModelRef ref) {
    RegisteredModel model = getModel(ref.name());
    if (ref.version() != null) {
      return store.getModelVersion(ref.name(), ref.version()).orElseThrow(() -> MloopException.notFound(
          "model version " + ref + " not found; the latest version of '" + ref.name() + "' is "
              + model.latestVersion()));
    }
    if (ref.alias() != null) {
      return store.getModelVersionByAlias(ref.name(), ref.alias()).orElseThrow(() -> MloopException.notFound(
          "model '" + ref.name() + "' has no alias '" + ref.alias() + "'"
              + (model.aliases().isEmpty() ? "" : "; its aliases are " + model.aliases().keySet())
              + ": point the alias at a version first"));
    }
    return store.getLatestModelVersion(ref.name()).orElseThrow(() -> MloopException.notFound(
        "model '" + ref.name() + "' has no READY version: register a version of it first"));
  }

  @Override
  public RegisteredModel getModel(String name) {
    return store.getRegisteredModel(name).orElseThrow(() -> MloopException.notFound(
        "registered model '" + name + "' not found among the workspace's registered models"));
  }

  @Override
  public List<RegisteredModel> listModels() {
    return store.listRegisteredModels(null);
  }

  @Override
  public List<ModelVersion> listVersions(String name) {
    getModel(name);
    return store.listModelVersions(name);
  }

  @Override
  public AliasMove setAlias(String name, String alias, int version, String who, String reason) {
    return store.setModelAlias(name, alias, version, actor(who), reason);
  }

  @Override
  public AliasMove deleteAlias(String name, String alias, String who, String reason) {
    return store.deleteModelAlias(name, alias, actor(who), reason);
  }

  private static String actor(String who) {
    return who == null || who.isBlank() ? System.getProperty("user.name") : who;
  }

  @Override
  public List<AliasMove> aliasHistory(String name, String alias) {
    return store.getAliasHistory(name, alias);
  }

  @Override
  public ModelVersion archiveVersion(String name, int version) {
    return store.archiveModelVersion(name, version);
  }

  @Override
  public RegisteredModel updateModel(String name, String description, Map<String, String> setTags,
      List<String> deleteTags) {
    RegisteredModel model = getModel(name);
    if (description != null) {
      model = store.updateRegisteredModelDescription(name, description.isEmpty() ? null : description);
    }
    for (Map.Entry<String, String> tag : (setTags == null ? Map.<String, String>of() : setTags).entrySet()) {
      model = store.setRegisteredModelTag(name, tag.getKey(), tag.getValue());
    }
    for (String key : deleteTags == null ? List.<String>of() : deleteTags) {
      model = store.deleteRegisteredModelTag(name, key);
    }
    return model;
  }

  @Override
  public ModelVersion updateVersion(String name, int version, String description, Map<String, String> setTags,
      List<String> deleteTags) {
    ModelVersion v = getVersion(ModelRef.ofVersion(name, version));
    if (description != null) {
      v = store.updateModelVersionDescription(name, version, description.isEmpty() ? null : description);
    }
    for (Map.Entry<String, String> tag : (setTags == null ? Map.<String, String>of() : setTags).entrySet()) {
      v = store.setModelVersionTag(name, version, tag.getKey(), tag.getValue());
    }
    for (String key : deleteTags == null ? List.<String>of() : deleteTags) {
      v = store.deleteModelVersionTag(name, version, key);
    }
    return v;
  }

  @Override
  public void deleteVersion(String name, int version) {
    // The files stay: they are content-addressed and another version may share them. A folder no version
    // names any more is removed when a process next opens the workspace alone (see ArtifactLeftovers).
    store.deleteModelVersion(name, version);
  }

  @Override
  public List<ArtifactFile> listFiles(ModelVersion version) {
    return artifacts.listUnder(version.source());
  }

  @Override
  public InputStream openFile(ModelVersion version, String path) {
    return artifacts.read(version.source() + "/" + path);
  }

  @Override
  public Path modelDirectory(ModelVersion version, Path cache) {
    return artifacts.materialize(version.source(), cache);
  }

  @Override
  public GateReport gate(GateRequest request) {
    if (gate == null) {
      throw new MloopException(ErrorCode.INVALID_STATE, "this process cannot score models, so the champion gate of "
          + request.candidate() + " cannot run here; run it where models are scored: on the workspace server, or"
          + " in a process that opened the workspace with a model evaluator");
    }
    return gate.run(request);
  }
}
