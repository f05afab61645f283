package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelativePathsTest {
  @Test
  void tailDecodesWhatFollowsThePrefixKeepingPlusSigns() {
    assertThat(RelativePaths.tail("/api/2.0/mlflow-artifacts/artifacts/0/r/a%20b+c.txt", 4)).isEqualTo("0/r/a b+c.txt");
    assertThat(RelativePaths.tail("/api/2.0/mlflow-artifacts/artifacts", 4)).isEmpty();
  }
}
