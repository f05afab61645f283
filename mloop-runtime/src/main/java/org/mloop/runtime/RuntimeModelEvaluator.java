package org.mloop.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.metrics.BinaryMetrics;
import org.mloop.core.registry.ModelEvaluator;

/**
 * The champion gate's scorer ({@link ModelEvaluator}): the data's CSV files are read with
 * {@link CsvBatch} (so whatever training reads, the gate reads) into one batch, each model folder is
 * loaded with {@link ModelLoader} in whichever flavor it is, and its signature columns are scored
 * against the label column as a binary classifier.
 */
public final class RuntimeModelEvaluator implements ModelEvaluator {

  @Override
  public HeldOutRows read(String source, List<CsvFile> files) {
    CsvBatch reader = new CsvBatch(source);
    for (CsvFile file : files) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(file.open().get(), StandardCharsets.UTF_8))) {
        reader.read(in, file.name());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file.name(), e);
      }
    }
    return new Rows(reader.batch());
  }

  private record Rows(Batch data) implements HeldOutRows {
    @Override
    public int size() {
      return data.size();
    }

    @Override
    public Map<String, Double> score(Path modelDirectory, String model, String label) {
      Predictor predictor = ModelLoader.load(modelDirectory);
      String labelColumn = label != null ? label : predictor.model().declared("label").map(String::valueOf)
          .orElseThrow(() -> MloopException.invalid("model " + model + " does not name its label column: give one"
              + " (label)"));
      String positive = predictor.positiveClass();
      if (positive == null) {
        throw MloopException.invalid("model " + model + " does not say which class is positive; it cannot be"
            + " scored as a binary classifier");
      }
      Predictions predictions = predictor.predict(data.select(predictor.model().signature().inputNames()));
      List<Object> truth = data.column(labelColumn);
      int[] labels = new int[truth.size()];
      double[] probabilities = new double[truth.size()];
      for (int i = 0; i < labels.length; i++) {
        Object t = truth.get(i);
        if (t == null) {
          throw MloopException.invalid("row " + (i + 1) + " has no value in label column '" + labelColumn + "'");
        }
        labels[i] = String.valueOf(t).equals(positive) ? 1 : 0;
        probabilities[i] = predictions.probability(i, positive);
      }
      return BinaryMetrics.all(labels, probabilities);
    }
  }
}
