package org.mloop.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.files.FileTrees;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.CsvReader;
import org.mloop.serving.protocol.MlflowInvocationsCodec;
import org.mloop.serving.protocol.ScoringLimits;

/**
 * The one CSV reader on a large data asset, and the scoring host's CSV request codec beside it:
 * <ol>
 *   <li>a synthetic diabetes CSV of {@code --rows} rows (1,000,000 by default) read with
 *       {@link CsvReader}, every cell parsed as a number, as training reads a data asset;</li>
 *   <li>a 1,000-row CSV request body (the eight features) decoded by {@code MlflowInvocationsCodec}
 *       (its own fast path) and by {@link CsvReader} plus {@code Double.parseDouble}, into the same
 *       {@code double[][]}.</li>
 * </ol>
 * Each figure is the median of {@code --rounds} rounds after one warm-up, in thread CPU time (which
 * other processes on the machine do not inflate) and wall-clock time.
 */
public final class CsvBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final List<String> FEATURES = List.of("Pregnancies", "PlasmaGlucose", "DiastolicBloodPressure",
      "TricepsThickness", "SerumInsulin", "BMI", "DiabetesPedigree", "Age");
  private static double sink;

  private CsvBench() {}

  public static void main(String[] args) throws Exception {
    int rows = BenchArgs.intOption(args, "--rows", 1_000_000);
    int rounds = BenchArgs.intOption(args, "--rounds", 7);
    Path dir = Files.createTempDirectory("mloop-csv-bench-");
    try {
      Path file = dir.resolve("diabetes.csv");
      new DiabetesSynthesizer(7).write(file, rows);
      System.out.printf(Locale.ROOT, "data asset: %,d rows, %,d bytes%n", rows, Files.size(file));
      report("CsvReader, file, every cell a number", rows, rounds, () -> readFile(file));

      String body = requestBody(Files.readAllLines(file), 1000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ModelSignature signature = signature();
      int requests = 1000;
      report("request codec (MlflowInvocationsCodec, text/csv), 1,000-row bodies", requests * 1000, rounds, () -> {
        for (int i = 0; i < requests; i++) {
          sink += new MlflowInvocationsCodec().decode(signature, "text/csv", bytes, ScoringLimits.DEFAULT).size();
        }
      });
      report("CsvReader + Double.parseDouble, 1,000-row bodies", requests * 1000, rounds, () -> {
        for (int i = 0; i < requests; i++) {
          sink += readRequest(new StringReader(new String(bytes, StandardCharsets.UTF_8))).length;
        }
      });
    } finally {
      FileTrees.deleteTree(dir);
    }
    if (sink == 42.4242) {
      System.out.println(sink);
    }
  }

  private interface Work {
    void run() throws IOException;
  }

  private static void report(String what, long rows, int rounds, Work work) throws IOException {
    work.run();
    long[] cpu = new long[rounds];
    long[] wall = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      work.run();
      wall[r] = System.nanoTime() - w0;
      cpu[r] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    long medianCpu = cpu[rounds / 2];
    long medianWall = wall[rounds / 2];
    System.out.printf(Locale.ROOT, "%-70s %,12.0f rows/CPU s (%,.1f ms CPU), %,12.0f rows/s wall (%,.1f ms)%n", what,
        rows / (medianCpu / 1e9), medianCpu / 1e6, rows / (medianWall / 1e9), medianWall / 1e6);
  }

  private static void readFile(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvReader csv = CsvReader.open(in, file.getFileName().toString());
      csv.rows((cells, line) -> {
        for (String cell : cells) {
          sink += Double.parseDouble(cell.trim());
        }
      });
    }
  }

  private static double[][] readRequest(Reader in) throws IOException {
    CsvReader csv = CsvReader.open(in, "the CSV body");
    int[] positions = csv.header().stream().mapToInt(FEATURES::indexOf).toArray();
    List<double[]> rows = new ArrayList<>();
    csv.rows((cells, line) -> {
      double[] row = new double[FEATURES.size()];
      for (int i = 0; i < cells.length; i++) {
        row[positions[i]] = Double.parseDouble(cells[i].trim());
      }
      rows.add(row);
    });
    return rows.toArray(double[][]::new);
  }

  /** The features of the first {@code count} rows, as a client sends them. */
  private static String requestBody(List<String> lines, int count) {
    StringBuilder body = new StringBuilder(String.join(",", FEATURES)).append('\n');
    for (String line : lines.subList(1, count + 1)) {
      String[] cells = line.split(",");
      body.append(String.join(",", Arrays.asList(cells).subList(1, 1 + FEATURES.size()))).append('\n');
    }
    return body.toString();
  }

  private static ModelSignature signature() {
    StringBuilder inputs = new StringBuilder("[");
    for (String feature : FEATURES) {
      inputs.append(inputs.length() > 1 ? "," : "").append("{\"name\":\"").append(feature)
          .append("\",\"type\":\"double\"}");
    }
    return ModelSignature.parse(inputs.append(']').toString(), "[{\"type\":\"double\"}]");
  }
}
