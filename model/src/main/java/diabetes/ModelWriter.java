package diabetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mloop.core.json.Json;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.InputExampleInfo;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.Batch;
import org.mloop.runtime.TribuoFlavor;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Writes a trained model into the --model_output folder in MLflow's model layout, which
 * {@code org.mloop.runtime.ModelLoader} loads and the registry verifies:
 * <ul>
 *   <li>{@value #MODEL_FILE}: Tribuo's protobuf serialization of the model;
 *   <li>{@value #INFO_FILE}: a small description (features, classes, hyperparameters, test metrics)
 *       that tools can read without Tribuo;
 *   <li>{@code input_example.json}: a few test rows in MLflow's dataframe_split format;
 *   <li>{@code MLmodel}: the {@code mloop_tribuo} flavor, the signature (eight typed features in,
 *       label and probability out) and the sha256 of every other file. Written last.
 * </ul>
 * The only place that knows the layout.
 */
public final class ModelWriter {
  public static final String MODEL_FILE = "model.tribuo";
  public static final String INFO_FILE = "model.json";
  static final int EXAMPLE_ROWS = 5;
  static final String PROBABILITY_OUTPUT = "probability";

  /** Counts are whole numbers (long); BMI and DiabetesPedigree are measurements (double). */
  public static final ModelSignature SIGNATURE = new ModelSignature(
      DiabetesData.FEATURES.stream().map(f -> ColumnSpec.of(f, columnType(f))).toList(),
      List.of(ColumnSpec.of(DiabetesData.LABEL, ColumnType.LONG), ColumnSpec.of(PROBABILITY_OUTPUT, ColumnType.DOUBLE)));

  private ModelWriter() {}

  /** What model.json says about the model; regRate is null for models without one. */
  public record ModelInfo(
      @JsonProperty("model_file") String modelFile,
      @JsonProperty("flavor") String flavor,
      @JsonProperty("tribuo_version") String tribuoVersion,
      @JsonProperty("model") String model,
      @JsonProperty("algorithm") String algorithm,
      @JsonProperty("features") List<String> features,
      @JsonProperty("label") String label,
      @JsonProperty("classes") List<String> classes,
      @JsonProperty("positive_class") String positiveClass,
      @JsonProperty("reg_rate") Double regRate,
      @JsonProperty("hyperparameters") Map<String, Object> hyperparameters,
      @JsonProperty("training_rows") int trainingRows,
      @JsonProperty("test_rows") int testRows,
      @JsonProperty("metrics") Map<String, Double> metrics) {}

  /** Writes the folder; {@code example} supplies the input example's rows, {@code runId} may be null. */
  public static MlModel write(Path dir, Model<Label> model, ModelInfo info, DiabetesData example, String runId)
      throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InputError("--model_output " + dir + " is a file; give a folder to write the model into");
    }
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(MlModelFiles.MLMODEL));
    model.serializeToFile(dir.resolve(MODEL_FILE));
    Files.writeString(dir.resolve(INFO_FILE), Json.writePretty(info) + "\n", StandardCharsets.UTF_8);
    DiabetesData firstRows = example.head(EXAMPLE_ROWS);
    Files.writeString(dir.resolve(InputExampleInfo.DEFAULT_FILE), batch(firstRows).toDataframeSplitJson() + "\n",
        StandardCharsets.UTF_8);
    Map<String, Map<String, Object>> flavors = Map.of(TribuoFlavor.NAME,
        TribuoFlavor.settings(model, MODEL_FILE, DiabetesData.LABEL, LogisticRegression.POSITIVE));
    return MlModelFiles.write(dir, MlModel.create(null, flavors, runId, SIGNATURE,
        InputExampleInfo.dataframeSplit(InputExampleInfo.DEFAULT_FILE)));
  }

  /**
   * The rows as a batch in signature order, whole-number columns as longs. A fractional value in a
   * long column stays a double, so the predictor refuses it instead of it being truncated here.
   */
  public static Batch batch(DiabetesData data) {
    List<ColumnSpec> inputs = SIGNATURE.inputs();
    List<List<Object>> rows = new ArrayList<>(data.size());
    for (double[] features : data.features()) {
      List<Object> row = new ArrayList<>(inputs.size());
      for (int k = 0; k < inputs.size(); k++) {
        double v = features[k];
        boolean whole = inputs.get(k).type() == ColumnType.LONG && v == Math.rint(v) && Math.abs(v) < 1e15;
        row.add(whole ? (Object) (long) v : (Object) v);
      }
      rows.add(row);
    }
    return new Batch(SIGNATURE.inputNames(), rows);
  }

  private static ColumnType columnType(String feature) {
    return feature.equals("BMI") || feature.equals("DiabetesPedigree") ? ColumnType.DOUBLE : ColumnType.LONG;
  }
}
