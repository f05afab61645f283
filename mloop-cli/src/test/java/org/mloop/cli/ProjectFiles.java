package org.mloop.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the end-to-end specs need from beside the CLI module: the real training job and the shared data. */
final class ProjectFiles {
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

  private ProjectFiles() {}

  /** model/job.yml, once the full reactor has built the jar its command runs. */
  static Path modelJob() {
    Path jar = PROJECT.resolve("model/target/diabetes-model.jar");
    assumeTrue(Files.isRegularFile(jar), "model/target/diabetes-model.jar is built by the full reactor (./mvnw verify)");
    return PROJECT.resolve("model/job.yml");
  }

  /** A folder of the shared diabetes data (dev, prod, fixtures), when it is beside the checkout. */
  static Path sharedDiabetes(String folder) {
    Path dir = Path.of(System.getProperty("mloop.shared.data", "../../shared/data"), "diabetes", folder);
    assumeTrue(Files.isDirectory(dir), "shared data not present at " + dir + ": skipping the real-data job");
    return dir;
  }
}
