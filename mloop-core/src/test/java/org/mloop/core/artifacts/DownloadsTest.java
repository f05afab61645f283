package org.mloop.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;

class DownloadsTest {
  @TempDir
  Path dir;

  private static final Function<String, InputStream> CONTENT =
      path -> new ByteArrayInputStream(("content of " + path).getBytes(StandardCharsets.UTF_8));

  private static ArtifactFile listed(String path) {
    return new ArtifactFile(path, false, null, ContentHash.ofString("content of " + path));
  }

  @Test
  void copiesEveryListedFileCheckingItsSha256() throws IOException {
    Downloads.Result result = Downloads.copy(List.of(listed("model/MLmodel"), listed("model/data/weights.bin")),
        CONTENT, dir.resolve("out"));

    assertThat(result.files()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("out/model/data/weights.bin"))).isEqualTo("content of model/data/weights.bin");
    assertThatThrownBy(() -> Downloads.copy(List.of(new ArtifactFile("x.bin", false, null, ContentHash.ofString("other"))),
        CONTENT, dir.resolve("out"))).hasMessageContaining("x.bin does not match its recorded sha256");
  }

  /** A listing comes from a store or a server: a path in it that could land elsewhere writes nothing. */
  @Test
  void aListedPathThatIsNotPlainAndRelativeIsRefusedBeforeAnythingIsWritten() {
    for (String bad : List.of("../escape.txt", "/tmp/escape.txt", "a/../../escape.txt", "a\\..\\escape.txt")) {
      assertThatThrownBy(() -> Downloads.copy(List.of(listed("fine.txt"), listed(bad)), CONTENT, dir.resolve("out")))
          .as(bad).isInstanceOf(MloopException.class)
          .hasMessageContaining("downloaded file path '" + bad + "' is not allowed");
    }
    assertThat(dir.resolve("escape.txt")).doesNotExist();
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
