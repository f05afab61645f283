package diabetes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The diabetes table as numbers: the eight feature columns (in {@link #FEATURES} order) and the 0/1
 * label. PatientID and any other column are ignored. Rows keep the order of the files.
 */
public record DiabetesData(double[][] features, int[] labels) {
  public static final List<String> FEATURES = List.of(
      "Pregnancies", "PlasmaGlucose", "DiastolicBloodPressure", "TricepsThickness",
      "SerumInsulin", "BMI", "DiabetesPedigree", "Age");
  public static final String LABEL = "Diabetic";

  public DiabetesData {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " labels");
    }
  }

  /** Reads a CSV file or a folder of CSV files; every file needs the feature columns and the label column. */
  public static DiabetesData load(Path path) {
    List<double[]> features = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    CsvFolderReader.scan(path, new CsvFolderReader.RowHandler() {
      private int[] featureIndex;
      private int labelIndex;

      @Override
      public void header(Path file, List<String> columns) {
        featureIndex = new int[FEATURES.size()];
        for (int i = 0; i < featureIndex.length; i++) {
          featureIndex[i] = require(file, columns, FEATURES.get(i));
        }
        labelIndex = require(file, columns, LABEL);
      }

      @Override
      public void row(Path file, long lineNumber, String[] cells) {
        double[] row = new double[featureIndex.length];
        for (int i = 0; i < row.length; i++) {
          row[i] = number(file, lineNumber, FEATURES.get(i), cells[featureIndex[i]]);
        }
        features.add(row);
        labels.add(label(file, lineNumber, cells[labelIndex]));
      }
    });
    if (features.isEmpty()) {
      throw new InputError("the training data at " + path + " has a header but no rows");
    }
    return new DiabetesData(features.toArray(double[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  public int size() {
    return labels.length;
  }

  public int positives() {
    int count = 0;
    for (int label : labels) {
      count += label;
    }
    return count;
  }

  /**
   * A random split into a training part with {@code trainFraction} of the rows and a test part with
   * the rest; the same seed gives the same split.
   */
  public Split split(double trainFraction, long seed) {
    int[] order = new int[size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int trainSize = (int) Math.round(order.length * trainFraction);
    return new Split(subset(order, 0, trainSize), subset(order, trainSize, order.length));
  }

  private DiabetesData subset(int[] order, int from, int to) {
    double[][] f = new double[to - from][];
    int[] l = new int[to - from];
    for (int i = from; i < to; i++) {
      f[i - from] = features[order[i]];
      l[i - from] = labels[order[i]];
    }
    return new DiabetesData(f, l);
  }

  /** The first {@code count} rows (all of them when there are fewer). */
  public DiabetesData head(int count) {
    int n = Math.min(count, size());
    return new DiabetesData(java.util.Arrays.copyOf(features, n), java.util.Arrays.copyOf(labels, n));
  }

  /** The two parts of a train/test split. */
  public record Split(DiabetesData train, DiabetesData test) {}

  private static int require(Path file, List<String> columns, String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new InputError("the CSV file " + file + " has no column '" + column + "' (its columns are "
          + String.join(",", columns) + "); the training needs " + String.join(",", FEATURES) + " and " + LABEL);
    }
    return index;
  }

  private static double number(Path file, long lineNumber, String column, String text) {
    try {
      double value = Double.parseDouble(text.trim());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputError(file + " line " + lineNumber + ", column " + column + ": '" + text + "' is not a number");
  }

  private static int label(Path file, long lineNumber, String text) {
    return switch (text.trim()) {
      case "0", "0.0" -> 0;
      case "1", "1.0" -> 1;
      default -> throw new InputError(file + " line " + lineNumber + ", column " + LABEL + ": '" + text
          + "' is not a label; use 0 or 1");
    };
  }
}
