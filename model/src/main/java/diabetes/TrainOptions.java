package diabetes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of {@link Train}: {@code --name value} or {@code --name=value}. */
public record TrainOptions(Path trainingData, double regRate, Path modelOutput, ModelKind model) {
  public static final double DEFAULT_REG_RATE = 0.01;
  public static final String USAGE = """
      usage: java -jar diabetes-model.jar --training_data PATH --model_output DIR [--model KIND] [--reg_rate RATE]
        --training_data  a CSV file, or a folder whose *.csv files are read in name order
        --model_output   the folder to write the trained model into (created if missing)
        --model          logistic_regression (default) or gradient_boosting (XGBoost trees)
        --reg_rate       L2 regularization rate of logistic regression, C = 1 / reg_rate (default 0.01)""";
  private static final List<String> NAMES = List.of("training_data", "reg_rate", "model_output", "model");

  /** True when the arguments ask for help instead of training. */
  public static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  public static TrainOptions parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new InputError("unexpected argument '" + arg + "'\n" + USAGE);
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new InputError("option --" + name + " needs a value\n" + USAGE);
      }
      if (!NAMES.contains(name)) {
        throw new InputError("unknown option --" + name + "\n" + USAGE);
      }
      values.put(name, value);
    }
    String trainingData = required(values, "training_data");
    String modelOutput = required(values, "model_output");
    String model = values.get("model");
    return new TrainOptions(Path.of(trainingData), regRate(values.get("reg_rate")), Path.of(modelOutput),
        model == null ? ModelKind.LOGISTIC_REGRESSION : ModelKind.parse(model));
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new InputError("option --" + name + " is required\n" + USAGE);
    }
    return value;
  }

  private static double regRate(String text) {
    if (text == null) {
      return DEFAULT_REG_RATE;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value > 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputError("--reg_rate must be a positive number (C = 1 / reg_rate), got '" + text + "'");
  }

  /** LibLinear's cost parameter. */
  public double cost() {
    return 1.0 / regRate;
  }
}
