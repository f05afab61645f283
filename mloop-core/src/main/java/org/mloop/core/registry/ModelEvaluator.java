package org.mloop.core.registry;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scores model folders on held-out data: the port the champion gate judges with. Core reads no CSV
 * and loads no model; the runtime implements this ({@code org.mloop.runtime.RuntimeModelEvaluator})
 * and whoever wires a local workspace hands it in.
 */
public interface ModelEvaluator {

  /** One CSV file of a data asset: its name, as errors show it, and how to open it. */
  record CsvFile(String name, Supplier<InputStream> open) {}

  /**
   * The rows of every file, concatenated in order (their headers must agree), read once to score any
   * number of models; {@code source} names the data in errors.
   */
  HeldOutRows read(String source, List<CsvFile> files);

  /** Rows read by {@link #read}. */
  interface HeldOutRows {
    int size();

    /**
     * The binary-classification metrics (as {@code BinaryMetrics.all} names them) of the model in
     * {@code modelDirectory} on these rows, the values of column {@code label} as the truth (null: the
     * label column the model names); {@code model} names it in errors, such as "diabetes:3".
     */
    Map<String, Double> score(Path modelDirectory, String model, String label);
  }
}
