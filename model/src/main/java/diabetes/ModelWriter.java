package diabetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.json.Json;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Writes a trained model into the --model_output folder: Tribuo's own protobuf serialization
 * ({@value #MODEL_FILE}, read back with {@code Model.deserializeFromFile}) and a small description
 * ({@value #INFO_FILE}) that tools can read without Tribuo. The only place that knows the layout.
 */
public final class ModelWriter {
  public static final String MODEL_FILE = "model.tribuo";
  public static final String INFO_FILE = "model.json";

  private ModelWriter() {}

  /** What model.json says about the model. */
  public record ModelInfo(
      @JsonProperty("model_file") String modelFile,
      @JsonProperty("flavor") String flavor,
      @JsonProperty("tribuo_version") String tribuoVersion,
      @JsonProperty("algorithm") String algorithm,
      @JsonProperty("features") List<String> features,
      @JsonProperty("label") String label,
      @JsonProperty("classes") List<String> classes,
      @JsonProperty("positive_class") String positiveClass,
      @JsonProperty("reg_rate") double regRate,
      @JsonProperty("training_rows") int trainingRows,
      @JsonProperty("test_rows") int testRows,
      @JsonProperty("metrics") Map<String, Double> metrics) {}

  public static void write(Path dir, Model<Label> model, ModelInfo info) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InputError("--model_output " + dir + " is a file; give a folder to write the model into");
    }
    Files.createDirectories(dir);
    model.serializeToFile(dir.resolve(MODEL_FILE));
    Files.writeString(dir.resolve(INFO_FILE), Json.writePretty(info) + "\n", StandardCharsets.UTF_8);
  }
}
