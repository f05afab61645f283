package org.mloop.ci.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashFilesTest {
  @TempDir Path workspace;
  Contexts contexts;

  @BeforeEach
  void files() throws IOException {
    Files.writeString(workspace.resolve("pom.xml"), "<project/>");
    Files.createDirectories(workspace.resolve("model/src"));
    Files.writeString(workspace.resolve("model/pom.xml"), "<project>model</project>");
    Files.writeString(workspace.resolve("model/src/Train.java"), "class Train {}");
    contexts = Contexts.of(Map.of("github", Map.of("workspace", workspace.toString())));
  }

  String hash(String arguments) {
    return (String) Expressions.evaluate("hashFiles(" + arguments + ")", contexts);
  }

  @Test
  void hashesTheMatchingFilesIncludingThoseAtTheRoot() throws IOException {
    String poms = hash("'**/pom.xml'");
    assertThat(poms).matches("[0-9a-f]{64}");
    assertThat(hash("'pom.xml', 'model/pom.xml'")).isEqualTo(poms);
    assertThat(hash("'**/pom.xml', '!model/**'")).isEqualTo(hash("'pom.xml'")).isNotEqualTo(poms);

    Files.writeString(workspace.resolve("model/pom.xml"), "<project>changed</project>");
    assertThat(hash("'**/pom.xml'")).isNotEqualTo(poms);
  }

  /** GitHub (hashFiles uses @actions/glob): {@code **}{@code /} inside a pattern also matches no folder at all. */
  @Test
  void doubleStarSlashInsideAPatternMatchesZeroFolders() {
    assertThat(hash("'model/**/pom.xml'")).isNotEmpty().isEqualTo(hash("'model/pom.xml'"));
    assertThat(hash("'**/pom.xml', '!model/**/pom.xml'")).isEqualTo(hash("'pom.xml'"));
  }

  @Test
  void nothingMatchingIsTheEmptyString() {
    assertThat(hash("'**/*.gradle'")).isEmpty();
  }

  @Test
  void needsTheWorkspace() {
    assertThatThrownBy(() -> Expressions.evaluate("hashFiles('**/pom.xml')", Contexts.of(Map.of())))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("hashFiles needs github.workspace");
  }
}
