package org.mloop.server;

import java.util.List;
import java.util.Locale;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.ModelVersionStatus;
import org.mloop.core.registry.RegistryStore;

/**
 * MLflow's deprecated model stages (None, Staging, Production, Archived) on top of mloop's
 * aliases, for clients that still call transition-stage and get-latest-versions: a version is in
 * "Production" while the alias {@code production} points at it, in "Staging" while
 * {@code staging} does, "Archived" when archived, else "None". A transition moves the alias, so
 * it is recorded in the alias history like any other move.
 */
final class ModelStages {
  static final String NONE = "None";
  static final String STAGING = "Staging";
  static final String PRODUCTION = "Production";
  static final String ARCHIVED = "Archived";
  static final List<String> ALL = List.of(NONE, STAGING, PRODUCTION, ARCHIVED);

  private ModelStages() {}

  static String of(ModelVersion v) {
    if (v.aliases().contains("production")) {
      return PRODUCTION;
    }
    if (v.aliases().contains("staging")) {
      return STAGING;
    }
    return v.status() == ModelVersionStatus.ARCHIVED ? ARCHIVED : NONE;
  }

  /** The stage's canonical spelling (MLflow accepts any case), or INVALID_PARAMETER_VALUE. */
  static String canonical(String stage) {
    for (String s : ALL) {
      if (s.equalsIgnoreCase(stage.trim())) {
        return s;
      }
    }
    throw MloopException.invalid("Invalid Model Version stage: " + stage + ". Value must be one of "
        + String.join(", ", ALL) + ".");
  }

  /**
   * Moves version {@code version} to {@code stage}. With {@code archiveExisting}, the version that
   * held the stage before is archived, as MLflow archives the other versions in that stage.
   */
  static ModelVersion transition(RegistryStore store, String name, int version, String stage, boolean archiveExisting,
      String who) {
    String target = canonical(stage);
    ModelVersion current = store.getModelVersion(name, version).orElseThrow(() -> missing(name, version));
    String reason = "transition-stage to " + target;
    switch (target) {
      case STAGING, PRODUCTION -> {
        String alias = target.toLowerCase(Locale.ROOT);
        ModelVersion displaced = store.getModelVersionByAlias(name, alias).filter(p -> p.version() != version)
            .orElse(null);
        Integer previous = displaced == null ? null : displaced.version();
        if (archiveExisting && displaced != null && displaced.aliases().size() > 1) {
          // Checked before anything moves: the client retries refusals, and a half-done move would then pass.
          throw new MloopException(ErrorCode.INVALID_STATE, "cannot archive " + name + ":" + previous
              + " (archive_existing_versions): aliases " + displaced.aliases() + " point at it; move them first");
        }
        // Leaving the other stage: a version is in one stage at a time, as in MLflow.
        String other = target.equals(STAGING) ? "production" : "staging";
        if (current.aliases().contains(other)) {
          store.deleteModelAlias(name, other, who, reason);
        }
        store.setModelAlias(name, alias, version, who, reason);
        if (archiveExisting && previous != null) {
          store.archiveModelVersion(name, previous);
        }
      }
      case NONE, ARCHIVED -> {
        for (String alias : List.of("staging", "production")) {
          if (current.aliases().contains(alias)) {
            store.deleteModelAlias(name, alias, who, reason);
          }
        }
        if (target.equals(ARCHIVED) && current.status() != ModelVersionStatus.ARCHIVED) {
          store.archiveModelVersion(name, version);
        } else if (target.equals(NONE) && current.status() == ModelVersionStatus.ARCHIVED) {
          throw new MloopException(ErrorCode.INVALID_STATE, "Model version " + name + ":" + version
              + " is archived; mloop keeps archived versions archived (register it again to use its files)");
        }
      }
      default -> throw new IllegalStateException(target);
    }
    return store.getModelVersion(name, version).orElseThrow(() -> missing(name, version));
  }

  static MloopException missing(String name, int version) {
    return MloopException.notFound("Model Version (name=" + name + ", version=" + version + ") not found");
  }
}
