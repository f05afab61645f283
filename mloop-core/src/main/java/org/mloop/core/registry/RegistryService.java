package org.mloop.core.registry;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.artifacts.ArtifactFile;

/**
 * The registry stage: registered models, their immutable numbered versions with lineage, aliases
 * with the trail of every move, and the versions' files. Local ({@link LocalRegistryService}) and
 * over HTTP (the client's {@code RemoteRegistryService}) alike.
 */
public interface RegistryService {

  /**
   * Registers the next version of a model from a completed job's output or a local folder. The folder
   * must be a valid model (MLmodel, signature, matching checksums); it is copied before the version
   * is recorded, and a job's lineage (run, data asset versions, code, params, metrics) is kept with it.
   */
  ModelVersion register(ModelRegistration registration);

  /** NAME:VERSION, NAME@ALIAS or NAME (the latest READY version). */
  ModelVersion getVersion(ModelRef ref);

  RegisteredModel getModel(String name);

  List<RegisteredModel> listModels();

  /** Every version of a model, newest first. */
  List<ModelVersion> listVersions(String name);

  /** Points an alias at a version, recording who, when, from which version and why; null if it already pointed there. */
  AliasMove setAlias(String name, String alias, int version, String who, String reason);

  AliasMove deleteAlias(String name, String alias, String who, String reason);

  /** The alias trail of a model (one alias, or all when {@code alias} is null), oldest first. */
  List<AliasMove> aliasHistory(String name, String alias);

  ModelVersion archiveVersion(String name, int version);

  /** Description (null leaves it as is, "" clears it), tags to set and tag keys to delete. */
  RegisteredModel updateModel(String name, String description, Map<String, String> setTags, List<String> deleteTags);

  ModelVersion updateVersion(String name, int version, String description, Map<String, String> setTags,
      List<String> deleteTags);

  /** Refused while the version is in use (an endpoint) or an alias points at it. */
  void deleteVersion(String name, int version);

  /** Files of a model version, relative to its root. */
  List<ArtifactFile> listFiles(ModelVersion version);

  InputStream openFile(ModelVersion version, String path);

  /**
   * A local folder holding a model version's files, ready for {@code ModelLoader}: the store's own
   * folder when the files are local, else a sha256-checked download into {@code cache}.
   */
  Path modelDirectory(ModelVersion version, Path cache);

  /**
   * The champion gate: scores the candidate and the champion on the same held-out data asset and
   * judges them by {@link ChampionGate}. Anything missing or unreadable is an error (fail closed); the
   * only missing thing that passes is an alias of the candidate's own model that nobody has set yet.
   * Nothing is recorded: the caller decides what a verdict moves.
   */
  GateReport gate(GateRequest request);
}
