package org.mloop.core.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mloop.core.MloopException;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.files.FolderFiles.Symlinks;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.json.Json;
import org.mloop.core.json.JsonLimits;
import org.mloop.core.json.YamlTree;

/**
 * Reads, verifies and writes model folders: an {@code MLmodel} YAML file in MLflow's layout and the
 * files it describes. {@link #read} refuses a folder unless every file is listed in the MLmodel's
 * {@code checksums} with a matching sha256, so what was registered is exactly what gets scored.
 */
public final class MlModelFiles {
  public static final String MLMODEL = "MLmodel";

  // No "---" marker (MLflow writes none); string values stay quoted so that PyYAML reads the creation
  // time and hex digests back as strings, not as a timestamp or a number; one line per value.
  private static final YAMLMapper YAML = YAMLMapper.builder(Json.yamlFactory())
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build();

  private MlModelFiles() {}

  /** Parses {@code dir/MLmodel} and verifies the folder against it (see the class comment). */
  public static MlModel read(Path dir) {
    MlModel model = parse(readText(dir), dir.resolve(MLMODEL).toString());
    verify(dir, model);
    return model;
  }

  /**
   * Makes a model folder registrable as MLflow registers one: a folder saved by MLflow (whose MLmodel
   * lists no checksums, as MLflow writes none) gets the sha256 of every other file added to its
   * MLmodel under {@code checksums}, every other key of the file kept as it was; a folder whose MLmodel
   * lists checksums is verified against them and left alone. Returns the model as it now reads. Call
   * it on a folder the registration owns (a staged copy), never on the caller's own folder: see
   * {@link #listsChecksums}.
   */
  public static MlModel seal(Path dir) {
    String yaml = readText(dir);
    String source = dir.resolve(MLMODEL).toString();
    MlModel model = parse(yaml, source);
    if (!model.checksums().isEmpty()) {
      verify(dir, model);
      return model;
    }
    ObjectNode root;
    try {
      root = (ObjectNode) YAML.readTree(yaml); // parse() accepted it, so it is a mapping
    } catch (JsonProcessingException e) {
      throw MloopException.invalid(source + " is not valid YAML: " + e.getOriginalMessage());
    }
    ObjectNode sums = root.putObject("checksums");
    checksumsOf(dir).forEach(sums::put);
    try {
      Files.writeString(dir.resolve(MLMODEL), YAML.writeValueAsString(root), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(MLMODEL), e);
    }
    return read(dir);
  }

  /**
   * Copies every file of {@code dir} (symbolic links refused, as for any folder mloop stores) into
   * {@code target} and {@link #seal}s the copy: how a folder saved by MLflow is registered without
   * writing into the caller's folder.
   */
  public static MlModel sealCopy(Path dir, Path target) {
    readText(dir);
    try {
      for (String rel : listFiles(dir)) {
        Path to = target.resolve(rel);
        Files.createDirectories(to.getParent());
        Files.copy(dir.resolve(rel), to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy model folder " + dir + " to " + target, e);
    }
    return seal(target);
  }

  /** Whether {@code dir/MLmodel} lists checksums (mloop wrote it) or not (MLflow did: {@link #seal} adds them). */
  public static boolean listsChecksums(Path dir) {
    return !parse(readText(dir), dir.resolve(MLMODEL).toString()).checksums().isEmpty();
  }

  private static String readText(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw MloopException.invalid("model folder " + dir + " does not exist or is not a folder");
    }
    Path file = dir.resolve(MLMODEL);
    if (!Files.isRegularFile(file)) {
      throw MloopException.invalid("model folder " + dir + " has no " + MLMODEL + " file");
    }
    try {
      return YamlTree.readFile(file, file.toString());
    } catch (IOException e) {
      throw MloopException.invalid("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * Computes the checksums of every file in {@code dir} (other than MLmodel), writes
   * {@code dir/MLmodel} and returns the model as written. Call it last, after all other files are in place.
   */
  public static MlModel write(Path dir, MlModel model) {
    MlModel withChecksums = model.withChecksums(checksumsOf(dir));
    try {
      Files.writeString(dir.resolve(MLMODEL), toYaml(withChecksums), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(MLMODEL), e);
    }
    return withChecksums;
  }

  /** sha256 of every regular file under {@code dir} except MLmodel, by '/'-separated relative path. */
  public static Map<String, String> checksumsOf(Path dir) {
    Map<String, String> sums = new TreeMap<>();
    for (String rel : listFiles(dir)) {
      if (!rel.equals(MLMODEL)) {
        sums.put(rel, ContentHash.ofFile(dir.resolve(rel)));
      }
    }
    return sums;
  }

  /** Checks that the folder holds exactly the files the model's checksums list, with those digests. */
  public static void verify(Path dir, MlModel model) {
    Map<String, String> expected = model.checksums();
    if (expected.isEmpty()) {
      throw MloopException.invalid("MLmodel in model folder " + dir + " has no checksums; write the folder with "
          + "MlModelFiles.write so that every file is listed with its sha256");
    }
    for (String rel : expected.keySet()) {
      ArtifactPath.parse("MLmodel of model folder " + dir + ": checksum path", rel);
    }
    List<String> present = listFiles(dir);
    for (String rel : present) {
      if (!rel.equals(MLMODEL) && !expected.containsKey(rel)) {
        throw MloopException.invalid("model folder " + dir + " has file '" + rel
            + "' that the MLmodel checksums do not list; remove it or rewrite the MLmodel");
      }
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (!present.contains(e.getKey())) {
        throw MloopException.invalid("model folder " + dir + " has no file '" + e.getKey()
            + "', which the MLmodel checksums list");
      }
      String found = ContentHash.ofFile(dir.resolve(e.getKey()));
      if (!found.equalsIgnoreCase(e.getValue())) {
        throw MloopException.invalid("checksum mismatch for " + e.getKey() + ": expected " + e.getValue()
            + ", found " + found + " (model folder " + dir + "); the file changed after the MLmodel was written");
      }
    }
    InputExampleInfo example = model.savedInputExampleInfo();
    if (example != null && example.artifactPath() != null && !expected.containsKey(example.artifactPath())) {
      throw MloopException.invalid("model folder " + dir + " has no input example '" + example.artifactPath()
          + "', which saved_input_example_info names");
    }
  }

  /** Parses MLmodel YAML; {@code source} names the file in error messages. Does not look at any folder. */
  public static MlModel parse(String yaml, String source) {
    if (yaml.length() > YamlTree.MAX_DOCUMENT_CHARS) {
      throw MloopException.invalid(source + " is " + yaml.length() + " characters long, over the limit of "
          + YamlTree.MAX_DOCUMENT_CHARS + " for a YAML file");
    }
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (StreamConstraintsException e) {
      throw MloopException.invalid(source + " is refused: it " + JsonLimits.describe(e));
    } catch (JsonProcessingException e) {
      throw MloopException.invalid(source + " is not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw MloopException.invalid(source + " must be a YAML mapping with flavors and a signature");
    }
    JsonNode flavorsNode = root.get("flavors");
    if (flavorsNode == null || !flavorsNode.isObject() || flavorsNode.isEmpty()) {
      throw MloopException.invalid(source + " has no flavors; a model needs at least one (e.g. mloop_tribuo)");
    }
    Map<String, Map<String, Object>> flavors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = flavorsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!f.getValue().isObject()) {
        throw MloopException.invalid(source + ": flavor '" + f.getKey() + "' must be a mapping of settings");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> settings = Json.mapper().convertValue(f.getValue(), LinkedHashMap.class);
      flavors.put(f.getKey(), settings);
    }
    JsonNode sig = root.get("signature");
    if (sig == null || !sig.isObject()) {
      throw MloopException.invalid(source + " has no signature; give signature.inputs and signature.outputs "
          + "as MLflow column-spec JSON");
    }
    ModelSignature signature;
    try {
      signature = ModelSignature.parse(text(sig, "inputs"), text(sig, "outputs"));
    } catch (MloopException e) {
      throw MloopException.invalid(source + ": " + e.getMessage());
    }
    InputExampleInfo example = null;
    JsonNode ex = root.get("saved_input_example_info");
    if (ex != null && ex.isObject()) {
      example = new InputExampleInfo(text(ex, "artifact_path"), text(ex, "type"), text(ex, "pandas_orient"));
    }
    Map<String, String> checksums = new TreeMap<>();
    JsonNode sums = root.get("checksums");
    if (sums != null && !sums.isNull()) {
      if (!sums.isObject()) {
        throw MloopException.invalid(source + ": checksums must be a mapping of file path to sha256");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = sums.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> s = it.next();
        String value = s.getValue().asText();
        if (!value.matches("[0-9a-fA-F]{64}")) {
          throw MloopException.invalid(source + ": checksum of '" + s.getKey() + "' is not a sha256 (64 hex chars): '"
              + value + "'");
        }
        checksums.put(s.getKey(), value.toLowerCase(java.util.Locale.ROOT));
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    JsonNode meta = root.get("metadata");
    if (meta != null && !meta.isNull()) {
      if (!meta.isObject()) {
        throw MloopException.invalid(source + ": metadata must be a mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> values = Json.mapper().convertValue(meta, LinkedHashMap.class);
      metadata.putAll(values);
    }
    return new MlModel(text(root, "artifact_path"), flavors, text(root, "model_uuid"), text(root, "utc_time_created"),
        text(root, "run_id"), signature, example, checksums, metadata);
  }

  /** The MLmodel YAML for a model, in MLflow's key names and order. */
  public static String toYaml(MlModel model) {
    ObjectNode root = YAML.createObjectNode();
    if (model.artifactPath() != null) {
      root.put("artifact_path", model.artifactPath());
    }
    root.set("flavors", YAML.valueToTree(model.flavors()));
    if (!model.metadata().isEmpty()) {
      root.set("metadata", YAML.valueToTree(model.metadata()));
    }
    root.put("model_uuid", model.modelUuid());
    if (model.runId() != null) {
      root.put("run_id", model.runId());
    }
    if (model.savedInputExampleInfo() != null) {
      InputExampleInfo ex = model.savedInputExampleInfo();
      ObjectNode e = root.putObject("saved_input_example_info");
      e.put("artifact_path", ex.artifactPath());
      e.put("pandas_orient", ex.pandasOrient());
      e.put("type", ex.type());
    }
    ObjectNode sig = root.putObject("signature");
    sig.put("inputs", model.signature().inputsJson());
    sig.put("outputs", model.signature().outputsJson());
    sig.putNull("params");
    root.put("utc_time_created", model.utcTimeCreated());
    ObjectNode sums = root.putObject("checksums");
    model.checksums().forEach(sums::put);
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write MLmodel YAML", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The folder's files; a symbolic link is refused, naming it, as for any folder mloop stores. */
  private static List<String> listFiles(Path dir) {
    return FolderFiles.list(dir, "model folder", Symlinks.REFUSE);
  }

}
