package org.mloop.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mloop.core.MloopException;
import org.mloop.core.models.InputExampleInfo;
import org.mloop.core.models.MlModel;
import org.mloop.runtime.Batch;
import org.mloop.runtime.ModelFlavor;
import org.mloop.runtime.Predictor;
import org.mloop.runtime.SignatureCheck;

/**
 * MLflow's {@code onnx} flavor, as {@code mlflow.onnx.save_model} writes it, scored with ONNX Runtime
 * on the CPU:
 * <pre>
 * onnx:
 *   data: model.onnx              # the graph (external tensor files beside it are found by ONNX Runtime)
 *   onnx_version: 1.12.0
 *   providers: [CUDAExecutionProvider, CPUExecutionProvider]   # mloop runs the CPU provider only
 *   onnx_session_options: {intra_op_num_threads: 1, inter_op_num_threads: 1,
 *                          execution_mode: sequential, graph_optimization_level: 99, extra_session_config: {}}
 * </pre>
 * Without session options a session uses one thread per request (a scoring host runs many requests at
 * once). Inputs are mapped from the signature ({@link OnnxInputs}), outputs read as {@link OnnxOutputs}
 * says. The classes, in probability order, are the MLmodel's {@code metadata.classes} when given, else
 * the keys of a probability map (sorted, numerically when they are numbers: scikit-learn's
 * {@code classes_} order), else "0".."C-1" for a tensor of C columns. The positive class is
 * {@code metadata.positive_class}, else for two classes the second (scikit-learn's convention for
 * binary scores). At load the model scores its input example (or one row of zeros) once, so a graph
 * that does not run, or whose label output names classes the probabilities do not have, is refused
 * before any request reaches it.
 */
public final class OnnxFlavor implements ModelFlavor {
  public static final String NAME = "onnx";
  public static final String DATA = "data";
  public static final String SESSION_OPTIONS = "onnx_session_options";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Predictor load(Path dir, MlModel model, Map<String, Object> settings) {
    String file = ModelFlavor.modelFile(dir, model, NAME, settings, DATA, "model.onnx");
    String where = "model folder " + dir;
    OrtEnvironment env = environment();
    OrtSession session;
    try (SessionOptions options = OnnxSessionOptions.of(settings.get(SESSION_OPTIONS), where)) {
      session = env.createSession(dir.resolve(file).toString(), options);
    } catch (OrtException e) {
      throw MloopException.invalid("cannot load ONNX model " + dir.resolve(file) + ": " + e.getMessage());
    }
    try {
      OnnxInputs inputs = OnnxInputs.of(session.getInputInfo(), model.signature(), where);
      OnnxOutputs outputs = OnnxOutputs.of(session.getOutputInfo(), where);
      double[][] warmUp = warmUpRows(dir, model);
      OnnxScorer scorer = new OnnxScorer(env, session, inputs, outputs, model.signature().inputs());
      OnnxOutputs.Raw raw;
      try {
        raw = scorer.run(warmUp);
      } catch (IllegalStateException | MloopException e) {
        throw MloopException.invalid(where + ": the ONNX model does not score its input example: " + e.getMessage());
      }
      List<String> classes = classes(model, outputs, raw, where);
      if (raw.labels() != null) {
        for (String label : raw.labels()) {
          if (!classes.contains(label)) {
            throw MloopException.invalid(where + ": the ONNX graph's label output gives '" + label
                + "', which is not one of the classes " + classes + "; list the classes in probability order as the "
                + "MLmodel's metadata.classes");
          }
        }
      }
      return new OnnxPredictor(model, scorer, classes, positiveClass(model, classes, where));
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session);
      if (e instanceof MloopException m) {
        throw m;
      }
      throw MloopException.invalid("cannot load ONNX model " + dir.resolve(file) + ": " + e.getMessage());
    }
  }

  private static OrtEnvironment environment() {
    try {
      return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "mloop");
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException("ONNX Runtime cannot start on this machine (" + System.getProperty("os.name")
          + ", " + System.getProperty("os.arch") + "): " + e.getMessage(), e);
    }
  }

  /** The input example's rows when the folder has a usable one, else one row of zeros. */
  private static double[][] warmUpRows(Path dir, MlModel model) {
    InputExampleInfo example = model.savedInputExampleInfo();
    if (example != null && example.artifactPath() != null && model.checksums().containsKey(example.artifactPath())) {
      try {
        Batch batch = Batch.parseDataframeSplit(Files.readString(dir.resolve(example.artifactPath()),
            StandardCharsets.UTF_8));
        double[][] rows = SignatureCheck.toMatrix(model.signature(), batch);
        if (rows.length > 0) {
          return rows;
        }
      } catch (IOException | MloopException notUsable) {
        // an example in another layout (records, tensors) still lets the model be loaded
      }
    }
    return new double[1][model.signature().inputs().size()];
  }

  private static List<String> classes(MlModel model, OnnxOutputs outputs, OnnxOutputs.Raw raw, String where) {
    int width = outputs.probabilitiesAreMaps() ? raw.maps().get(0).size()
        : outputs.declaredWidth() > 0 ? outputs.declaredWidth() : raw.matrix()[0].length;
    Object declared = model.metadata().get("classes");
    if (declared != null) {
      if (!(declared instanceof List<?> list) || list.size() != width) {
        throw MloopException.invalid(where + ": metadata.classes must list the " + width + " classes the ONNX graph "
            + "gives probabilities for, in their order; found " + declared);
      }
      List<String> classes = list.stream().map(String::valueOf).toList();
      if (outputs.probabilitiesAreMaps() && !new TreeSet<>(classes).equals(new TreeSet<>(raw.maps().get(0).keySet()))) {
        throw MloopException.invalid(where + ": metadata.classes " + classes + " are not the classes the ONNX graph "
            + "gives probabilities for, " + raw.maps().get(0).keySet());
      }
      return classes;
    }
    List<String> classes = new ArrayList<>();
    if (outputs.probabilitiesAreMaps()) {
      classes.addAll(raw.maps().get(0).keySet());
      boolean numbers = classes.stream().allMatch(c -> c.matches("-?\\d+"));
      classes.sort(numbers ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
    } else {
      for (int k = 0; k < width; k++) {
        classes.add(Integer.toString(k));
      }
    }
    return classes;
  }

  private static String positiveClass(MlModel model, List<String> classes, String where) {
    Object declared = model.metadata().get("positive_class");
    if (declared != null) {
      String positive = String.valueOf(declared);
      if (!classes.contains(positive)) {
        throw MloopException.invalid(where + ": metadata.positive_class '" + positive + "' is not one of the classes "
            + classes);
      }
      return positive;
    }
    return classes.size() == 2 ? classes.get(1) : null;
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // the load already failed; that is what the caller hears about
    }
  }
}
