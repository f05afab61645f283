package org.mloop.core.models;

/**
 * MLflow's {@code saved_input_example_info}: where the input example is and its shape. mloop writes
 * {@code input_example.json} in MLflow's dataframe "split" format ({@code {"columns": [...], "data": [[...]]}}).
 */
public record InputExampleInfo(String artifactPath, String type, String pandasOrient) {
  public static final String DEFAULT_FILE = "input_example.json";

  public static InputExampleInfo dataframeSplit(String artifactPath) {
    return new InputExampleInfo(artifactPath, "dataframe", "split");
  }
}
