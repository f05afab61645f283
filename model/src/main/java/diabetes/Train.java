package diabetes;

import java.awt.AWTError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.client.MloopRun;
import org.tribuo.Model;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;

/**
 * Trains the diabetes classifier: reads the CSVs, splits 70/30, fits logistic regression or
 * gradient-boosted trees (--model), logs the model kind and its hyperparameters, Accuracy, AUC and
 * ROC-Curve.png to the job's run, and writes the model folder (MLflow layout) to --model_output.
 *
 * <p>Outside an mloop job the run only prints what it is given, so this runs the same on a laptop.
 */
public final class Train {
  static final double TRAIN_FRACTION = 0.7;
  static final long SPLIT_SEED = 0;
  static final String ROC_ARTIFACT = "ROC-Curve.png";
  /** Exit code for a problem with the input (bad option, missing file or column). */
  static final int EXIT_BAD_INPUT = 2;

  private Train() {}

  public static void main(String[] args) throws IOException {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the training and returns the exit code; input problems are printed to {@code err} as one message. */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    if (TrainOptions.wantsHelp(args)) {
      out.println(TrainOptions.USAGE);
      return 0;
    }
    try {
      train(TrainOptions.parse(args), out, err);
      return 0;
    } catch (InputError e) {
      err.println("error: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
  }

  static void train(TrainOptions options, PrintStream out, PrintStream err) throws IOException {
    List<Path> files = CsvFolderReader.csvFiles(options.trainingData());
    DiabetesData data = DiabetesData.load(options.trainingData());
    DiabetesData.Split split = data.split(TRAIN_FRACTION, SPLIT_SEED);
    if (split.train().size() < 2 || split.test().size() < 2) {
      throw new InputError("the training data at " + options.trainingData() + " has only " + data.size()
          + " rows; it needs enough rows for a 70/30 split");
    }
    if (split.train().positives() == 0 || split.train().positives() == split.train().size()) {
      throw new InputError("the training data at " + options.trainingData() + " has only one " + DiabetesData.LABEL
          + " value in its training split; it needs diabetic (1) and non-diabetic (0) patients");
    }

    try (MloopRun run = MloopRun.fromEnvironment()) {
      run.logParam("model", options.model().optionName());
      Model<Label> model;
      if (options.model() == ModelKind.GRADIENT_BOOSTING) {
        GradientBoosting.params().forEach(run::logParam);
        model = GradientBoosting.train(split.train());
      } else {
        run.logParam("reg_rate", options.regRate());
        model = LogisticRegression.train(split.train(), options.regRate());
      }
      Evaluation evaluation = Evaluation.of(model, split.test());
      run.logMetric("Accuracy", evaluation.accuracy());
      run.logMetric("AUC", evaluation.auc());

      Path roc = rocChart(evaluation, err);
      if (roc != null) {
        run.logArtifact(roc, ROC_ARTIFACT);
      }

      ModelWriter.write(options.modelOutput(), model, modelInfo(options, model, split, evaluation), split.test(),
          run.tracked() ? run.runId() : null);

      out.printf(Locale.ROOT, "Read %d rows (%d diabetic) from %d CSV file(s) in %s%n",
          data.size(), data.positives(), files.size(), options.trainingData());
      out.printf(Locale.ROOT, "Trained %s on %d rows%n", algorithm(options), split.train().size());
      out.printf(Locale.ROOT, "Test split (%d rows): Accuracy %.4f, AUC %.4f%n",
          evaluation.rows(), evaluation.accuracy(), evaluation.auc());
      out.printf(Locale.ROOT, "Model written to %s (MLmodel, %s, %s, input_example.json)%n",
          options.modelOutput(), ModelWriter.MODEL_FILE, ModelWriter.INFO_FILE);
      if (run.tracked()) {
        if (roc != null) {
          Files.deleteIfExists(roc);
          Files.deleteIfExists(roc.getParent());
        }
        out.println("Logged to run " + run.runId());
      } else {
        if (roc != null) {
          out.println("ROC curve: " + roc);
        }
        out.println("Not in an mloop job: parameters and metrics were printed, not tracked");
      }
    }
  }

  /**
   * Draws the ROC curve into a temporary folder. A chart that cannot be drawn (say, a machine without
   * fonts) is reported but does not fail the training: the metrics and the model matter more.
   */
  private static Path rocChart(Evaluation evaluation, PrintStream err) {
    try {
      Path roc = Files.createTempDirectory("diabetes-roc").resolve(ROC_ARTIFACT);
      RocChart.write(roc, evaluation.falsePositiveRate(), evaluation.truePositiveRate(), evaluation.auc());
      return roc;
    } catch (IOException | RuntimeException | LinkageError | InternalError | AWTError e) {
      err.println("warning: could not draw " + ROC_ARTIFACT + ": " + e);
      return null;
    }
  }

  private static ModelWriter.ModelInfo modelInfo(
      TrainOptions options, Model<Label> model, DiabetesData.Split split, Evaluation evaluation) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("Accuracy", evaluation.accuracy());
    metrics.put("AUC", evaluation.auc());
    boolean boosted = options.model() == ModelKind.GRADIENT_BOOSTING;
    return new ModelWriter.ModelInfo(
        ModelWriter.MODEL_FILE, "tribuo", Tribuo.VERSION, options.model().optionName(), algorithm(options),
        DiabetesData.FEATURES, DiabetesData.LABEL, classes(model), LogisticRegression.POSITIVE,
        boosted ? null : options.regRate(), boosted ? GradientBoosting.params() : Map.of("reg_rate", options.regRate()),
        split.train().size(), split.test().size(), metrics);
  }

  private static String algorithm(TrainOptions options) {
    if (options.model() == ModelKind.GRADIENT_BOOSTING) {
      return String.format(Locale.ROOT, "gradient-boosted trees (XGBoost hist, %d trees, max depth %d, learning rate %s)",
          GradientBoosting.TREES, GradientBoosting.MAX_DEPTH, GradientBoosting.LEARNING_RATE);
    }
    return String.format(Locale.ROOT, "logistic regression (LibLinear L2R_LR, reg_rate %s, C %s)",
        options.regRate(), options.cost());
  }

  private static List<String> classes(Model<Label> model) {
    return model.getOutputIDInfo().getDomain().stream().map(Label::getLabel).sorted().toList();
  }
}
