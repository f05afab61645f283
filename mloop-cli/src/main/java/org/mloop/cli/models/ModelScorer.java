package org.mloop.cli.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.artifacts.Downloads;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.DataAsset;
import org.mloop.core.metrics.BinaryMetrics;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import org.mloop.runtime.Batch;
import org.mloop.runtime.CsvBatch;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;

/**
 * Scores registered model versions on a data asset in this process: the version's files are
 * downloaded (sha256-checked) and loaded with the runtime, the asset's CSV files are read into one
 * batch, and the model's signature columns are scored against the label column.
 */
final class ModelScorer {
  private final Workspace workspace;
  private final Path scratch;

  ModelScorer(Workspace workspace, Path scratch) {
    this.workspace = workspace;
    this.scratch = scratch;
  }

  /** Every CSV file of the asset, concatenated (headers must agree). */
  Batch read(DataAsset asset) {
    List<ArtifactFile> csvs = workspace.data().listFiles(asset).stream()
        .filter(f -> !f.directory() && f.path().toLowerCase().endsWith(".csv")).toList();
    if (csvs.isEmpty()) {
      throw MloopException.invalid("data asset " + asset.ref() + " has no CSV files to score");
    }
    CsvBatch reader = new CsvBatch(asset.ref());
    for (ArtifactFile file : csvs) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(
          workspace.data().openFile(asset, file.path()), StandardCharsets.UTF_8))) {
        reader.read(in, asset.ref() + "/" + file.path());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file.path() + " of " + asset.ref(), e);
      }
    }
    return reader.batch();
  }

  /** The version's metrics on {@code data}, with {@code label} (or the model's own label column) as the truth. */
  Map<String, Double> score(ModelVersion version, Batch data, String label) {
    Predictor predictor = load(version);
    String labelColumn = label != null ? label : predictor.model().declared("label").map(String::valueOf)
        .orElseThrow(() -> MloopException.invalid("model " + version.ref() + " does not name its label column: pass --label"));
    String positive = predictor.positiveClass();
    if (positive == null) {
      throw MloopException.invalid("model " + version.ref() + " does not say which class is positive; it cannot be"
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

  private Predictor load(ModelVersion version) {
    Path dir = scratch.resolve(version.name() + "-" + version.version());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    Downloads.copy(workspace.registry().listFiles(version), path -> workspace.registry().openFile(version, path), dir);
    return ModelLoader.load(dir);
  }
}
