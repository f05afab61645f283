package org.mloop.core.registry;

import java.util.List;
import java.util.Map;

/**
 * One immutable version of a registered model: its files under {@code source} in the artifact store
 * (content-addressed: models/NAME/SHA256), their combined {@code sha256}, and its lineage. Only
 * status, description and tags change after registration. {@code aliases} lists the aliases that
 * point at it when it was read.
 */
public record ModelVersion(
    String name,
    int version,
    String source,
    String sha256,
    String runId,
    String jobName,
    ModelVersionStatus status,
    String description,
    Map<String, String> tags,
    long createdAt,
    long updatedAt,
    List<String> aliases,
    Lineage lineage) {

  /** "NAME:VERSION", as `mloop model show` takes it. */
  public String ref() {
    return name + ":" + version;
  }
}
