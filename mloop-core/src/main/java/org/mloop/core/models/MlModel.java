package org.mloop.core.models;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The content of a model folder's {@code MLmodel} file, in MLflow's layout, plus mloop's
 * {@code checksums} (sha256 of every other file in the folder, by relative path) so that a
 * registered version can be checked byte for byte. {@code flavors} maps a flavor name (such as
 * {@code mloop_tribuo}) to that flavor's settings; {@code runId} and {@code savedInputExampleInfo}
 * may be null. {@code metadata} is MLflow's free-form {@code metadata} mapping (what
 * {@code mlflow.onnx.save_model(..., metadata={...})} writes), empty when the file has none; see {@link #declared}.
 */
public record MlModel(
    String artifactPath,
    Map<String, Map<String, Object>> flavors,
    String modelUuid,
    String utcTimeCreated,
    String runId,
    ModelSignature signature,
    InputExampleInfo savedInputExampleInfo,
    Map<String, String> checksums,
    Map<String, Object> metadata) {

  private static final DateTimeFormatter MLFLOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  public MlModel {
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    flavors.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    flavors = Collections.unmodifiableMap(copy);
    checksums = Collections.unmodifiableMap(new TreeMap<>(checksums == null ? Map.of() : checksums));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
  }

  /** A model description without metadata. */
  public MlModel(String artifactPath, Map<String, Map<String, Object>> flavors, String modelUuid, String utcTimeCreated,
      String runId, ModelSignature signature, InputExampleInfo savedInputExampleInfo, Map<String, String> checksums) {
    this(artifactPath, flavors, modelUuid, utcTimeCreated, runId, signature, savedInputExampleInfo, checksums, Map.of());
  }

  /** A new model description: fresh uuid (32 hex chars, as MLflow's), creation time now, no checksums yet. */
  public static MlModel create(String artifactPath, Map<String, Map<String, Object>> flavors, String runId,
      ModelSignature signature, InputExampleInfo inputExample) {
    return new MlModel(artifactPath, flavors, UUID.randomUUID().toString().replace("-", ""),
        LocalDateTime.now(ZoneOffset.UTC).format(MLFLOW_TIME), runId, signature, inputExample, Map.of());
  }

  public Optional<Map<String, Object>> flavor(String name) {
    return Optional.ofNullable(flavors.get(name));
  }

  /**
   * Something the model says about itself, such as its {@code label} column, its {@code positive_class}
   * or its {@code classes}: MLflow's {@code metadata} first (where a model saved by MLflow declares
   * it), then the first flavor whose settings have the key (mloop_tribuo writes them there). Empty
   * when nothing declares it.
   */
  public Optional<Object> declared(String key) {
    Object value = metadata.get(key);
    if (value != null) {
      return Optional.of(value);
    }
    return flavors.values().stream().map(f -> f.get(key)).filter(v -> v != null).findFirst();
  }

  public MlModel withChecksums(Map<String, String> newChecksums) {
    return new MlModel(artifactPath, flavors, modelUuid, utcTimeCreated, runId, signature, savedInputExampleInfo,
        newChecksums, metadata);
  }
}
