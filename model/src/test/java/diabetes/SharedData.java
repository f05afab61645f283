package diabetes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data beside the checkout (system property mloop.shared.data); tests using it skip when it is absent. */
final class SharedData {
  private SharedData() {}

  static Path file(String relative) {
    String root = System.getProperty("mloop.shared.data");
    assumeTrue(root != null && !root.isBlank(),
        "skipped: system property mloop.shared.data is not set (run the tests through Maven)");
    Path path = Path.of(root).resolve(relative);
    assumeTrue(Files.exists(path), "skipped: shared data " + path + " is absent");
    return path;
  }
}
