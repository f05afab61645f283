package org.mloop.runtime.onnx.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.runtime.Batch;
import org.mloop.runtime.CsvBatch;

/**
 * Logistic regressions trained by scikit-learn in Python on synthetic diabetes data and converted to
 * ONNX with {@code onnx.helper} (no skl2onnx), saved in MLflow's model layout by
 * {@code sklearn_logistic_onnx.py} (beside this class), with scikit-learn's own probabilities for the
 * test rows. It needs Debian's {@code python3-onnx} and {@code python3-sklearn} for the system
 * interpreter; {@link #unavailable()} says why not when they are missing, for tests to skip with.
 */
public final class SklearnOnnxModels {
  /** Debian's interpreter, which the python3-* packages serve (a python3 first on the PATH may be another). */
  public static final String PYTHON = "/usr/bin/python3";
  private static final String SCRIPT = "sklearn_logistic_onnx.py";

  private static String unavailable;

  /** A trained model: its MLflow folder, the CSVs it was trained and tested on, and scikit-learn's answers on the test rows. */
  public record Trained(Path folder, Path trainCsv, Path testCsv, List<String> classes, List<String> labels,
      double[][] probabilities) {
    /** The test rows, every column of the CSV (identifier and label included). */
    public Batch testRows() {
      try (BufferedReader in = Files.newBufferedReader(testCsv, StandardCharsets.UTF_8)) {
        return new CsvBatch(testCsv.toString()).read(in, testCsv.toString()).batch();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private SklearnOnnxModels() {}

  /** Why the models cannot be made on this machine, or null when they can. */
  public static synchronized String unavailable() {
    if (unavailable == null) {
      unavailable = check();
    }
    return unavailable.isEmpty() ? null : unavailable;
  }

  private static String check() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return PYTHON + " is missing: install Debian's python3, python3-onnx and python3-sklearn to build the ONNX test models";
    }
    try {
      Run run = run(List.of(PYTHON, "-c", "import onnx, sklearn, numpy"), Path.of("."));
      return run.exit == 0 ? "" : PYTHON + " cannot import onnx, sklearn and numpy (" + run.output.strip()
          + "): install Debian's python3-onnx and python3-sklearn to build the ONNX test models";
    } catch (IOException e) {
      return "cannot run " + PYTHON + ": " + e.getMessage();
    }
  }

  /**
   * Trains on {@code trainRows} synthetic patients (seed 1) and tests on {@code testRows} (seed 2);
   * {@code layout} is the script's: double, zipmap or columns.
   */
  public static Trained train(Path dir, String layout, int trainRows, int testRows) throws IOException {
    Files.createDirectories(dir);
    Path train = dir.resolve("train.csv");
    Path test = dir.resolve("test.csv");
    new DiabetesSynthesizer(1).write(train, trainRows);
    new DiabetesSynthesizer(2).write(test, testRows);
    Path script = dir.resolve(SCRIPT);
    try (InputStream in = SklearnOnnxModels.class.getResourceAsStream(SCRIPT)) {
      Files.copy(in, script);
    }
    Path out = dir.resolve("out");
    Run run = run(List.of(PYTHON, script.toString(), "--train", train.toString(), "--test", test.toString(), "--out",
        out.toString(), "--layout", layout), dir);
    if (run.exit != 0) {
      throw new IllegalStateException(SCRIPT + " failed (exit " + run.exit + "):\n" + run.output);
    }
    List<String> lines = Files.readAllLines(out.resolve("expected.csv"), StandardCharsets.UTF_8);
    List<String> header = Arrays.asList(lines.get(0).split(","));
    List<String> classes = header.subList(1, header.size());
    List<String> labels = new ArrayList<>();
    double[][] probabilities = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",");
      labels.add(cells[0]);
      probabilities[i - 1] = Arrays.stream(cells, 1, cells.length).mapToDouble(Double::parseDouble).toArray();
    }
    return new Trained(out.resolve("model"), train, test, List.copyOf(classes), labels, probabilities);
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> command, Path dir) throws IOException {
    Path log = Files.createTempFile("sklearn-onnx", ".log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    p.getOutputStream().close();
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Run(-1, "timed out after 5 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Run(-1, "interrupted");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(p.exitValue(), output);
  }
}
