package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;

class RelativePathsTest {
  @Test
  void tailDecodesWhatFollowsThePrefixKeepingPlusSigns() {
    assertThat(RelativePaths.tail("/api/2.0/mlflow-artifacts/artifacts/0/r/a%20b+c.txt", 4)).isEqualTo("0/r/a b+c.txt");
    assertThat(RelativePaths.tail("/api/2.0/mlflow-artifacts/artifacts", 4)).isEmpty();
  }

  @Test
  void checkRefusesEveryWayOut() {
    for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a\\b", "a//b", "./a", "a/.", "nul\0"}) {
      assertThatThrownBy(() -> RelativePaths.check(bad, "artifact path", false))
          .as(bad).isInstanceOf(MloopException.class).hasMessageContaining("artifact path");
    }
    assertThat(RelativePaths.check("model/w.bin", "p", false)).isEqualTo("model/w.bin");
    assertThat(RelativePaths.check("model/", "p", false)).isEqualTo("model");
    assertThat(RelativePaths.check(null, "p", true)).isEmpty();
    assertThatThrownBy(() -> RelativePaths.check("", "file path", false)).hasMessageContaining("file path is empty");
  }

  @Test
  void escapesSpotsDotSegmentsAndBackslashesAnywhere() {
    assertThat(RelativePaths.escapes("/api/x/../y")).isTrue();
    assertThat(RelativePaths.escapes("/api/x/./y")).isTrue();
    assertThat(RelativePaths.escapes("/api/x\\y")).isTrue();
    assertThat(RelativePaths.escapes("/api/x/..y/y..")).isFalse();
  }
}
