package org.mloop.core.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model registry's metadata: registered models, their immutable numbered versions, aliases with
 * the trail of every move, and the usages that protect a version from deletion. Files are in the
 * artifact store; a version row is written only after its files are complete.
 */
public interface RegistryStore {

  /** Creates an empty registered model; RESOURCE_ALREADY_EXISTS if the name is taken. */
  RegisteredModel createRegisteredModel(String name, String description, Map<String, String> tags);

  Optional<RegisteredModel> getRegisteredModel(String name);

  /** Registered models by name; {@code nameContains} (case-insensitive) narrows the list when not null. */
  List<RegisteredModel> listRegisteredModels(String nameContains);

  /** Replaces the description (null clears it). */
  RegisteredModel updateRegisteredModelDescription(String name, String description);

  RegisteredModel setRegisteredModelTag(String name, String key, String value);

  RegisteredModel deleteRegisteredModelTag(String name, String key);

  /**
   * Records the next version of {@code name} (1 for a new model, which is created with it), in one
   * transaction: concurrent registrations get distinct, consecutive numbers; numbers are never reused.
   */
  ModelVersion createModelVersion(String name, String source, String sha256, String description,
      Map<String, String> tags, Lineage lineage);

  Optional<ModelVersion> getModelVersion(String name, int version);

  /** The version an alias points at. */
  Optional<ModelVersion> getModelVersionByAlias(String name, String alias);

  /** The highest READY version. */
  Optional<ModelVersion> getLatestModelVersion(String name);

  /** Every version of a model, newest first. */
  List<ModelVersion> listModelVersions(String name);

  ModelVersion updateModelVersionDescription(String name, int version, String description);

  ModelVersion setModelVersionTag(String name, int version, String key, String value);

  ModelVersion deleteModelVersionTag(String name, int version, String key);

  /** Marks a version ARCHIVED; refused while an alias points at it. */
  ModelVersion archiveModelVersion(String name, int version);

  /**
   * Points {@code alias} at {@code version} (a READY version) and records the move in the same
   * transaction. Setting an alias to the version it already has records nothing and returns null.
   */
  AliasMove setModelAlias(String name, String alias, int version, String who, String reason);

  /** Removes an alias, recording the move (toVersion null) in the same transaction. */
  AliasMove deleteModelAlias(String name, String alias, String who, String reason);

  /** The moves of one alias, or of every alias when {@code alias} is null, oldest first. */
  List<AliasMove> getAliasHistory(String name, String alias);

  /**
   * Records that something (an endpoint deployment, named by {@code usedBy}) depends on a version;
   * such a version cannot be deleted until the usage is removed. Adding an existing usage is a no-op.
   */
  void addModelVersionUsage(String name, int version, String usedBy);

  void removeModelVersionUsage(String name, int version, String usedBy);

  List<String> listModelVersionUsages(String name, int version);

  /** Deletes a version's row; refused while it has usages or an alias points at it. Its number is not reused. */
  void deleteModelVersion(String name, int version);

  /** The store paths of every version's files (their sources), archived ones included: files in use. */
  Set<String> listModelVersionSources();
}
