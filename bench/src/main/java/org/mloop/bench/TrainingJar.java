package org.mloop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mloop.core.data.synth.DiabetesSynthesizer;

/** The real training jar (model/target/diabetes-model.jar) as the benchmarks run it, on synthetic patients. */
final class TrainingJar {
  private TrainingJar() {}

  /** Fails naming how to build the jar when there is none at {@code modelJar}. */
  static void require(Path modelJar) {
    if (!Files.isRegularFile(modelJar)) {
      throw new IllegalArgumentException("no training jar at " + modelJar.toAbsolutePath()
          + ": build it with ./mvnw -pl model -am package -DskipTests, or pass --model-jar PATH");
    }
  }

  /** {@code rows} synthetic patients (seed 7) in {@code dir/data/diabetes.csv}; returns {@code dir/data}. */
  static Path syntheticData(Path dir, int rows) throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    new DiabetesSynthesizer(7).write(data.resolve("diabetes.csv"), rows);
    return data;
  }

  /** Runs the real training jar outside any job (nothing is tracked) and returns its model folder. */
  static Path train(Path jar, Path data, Path output, String kind) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "--training_data", data.toString(), "--model_output", output.toString(),
        "--model", kind);
    pb.environment().keySet().removeIf(k -> k.startsWith("MLOOP_") || k.startsWith("MLFLOW_"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("training " + kind + " failed:\n" + out);
    }
    out.lines().filter(l -> l.startsWith("Test split") || l.startsWith("Trained")).forEach(l -> System.out.println("  " + l));
    return output;
  }
}
