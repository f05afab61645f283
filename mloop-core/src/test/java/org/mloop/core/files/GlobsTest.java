package org.mloop.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mloop.core.files.Globs.Dialect;

/** The one glob compiler, in GitHub's dialect (workflow filters, hashFiles, artifacts) and gitignore's (.mloopignore). */
class GlobsTest {
  private static boolean matches(String glob, Dialect dialect, String path) {
    return Pattern.compile(Globs.regex(glob, dialect)).matcher(path).matches();
  }

  @Nested
  class BothDialects {
    @Test
    void aStarStaysWithinOneFolderAndClassesAndEscapesWork() {
      for (Dialect d : Dialect.values()) {
        assertThat(matches("src/*.java", d, "src/A.java")).as(d.name()).isTrue();
        assertThat(matches("src/*.java", d, "src/x/A.java")).as(d.name()).isFalse();
        assertThat(matches("run[0-9].log", d, "run7.log")).as(d.name()).isTrue();
        assertThat(matches("run[0-9].log", d, "runx.log")).as(d.name()).isFalse();
        assertThat(matches("a\\*b", d, "a*b")).as(d.name()).isTrue();
        assertThat(matches("a\\*b", d, "axb")).as(d.name()).isFalse();
        assertThat(matches("v1.0", d, "v1x0")).as(d.name() + ": a dot is a dot").isFalse();
        assertThat(matches("**/pom.xml", d, "pom.xml")).as(d.name() + ": **/ may match no folder").isTrue();
        assertThat(matches("**/pom.xml", d, "a/b/pom.xml")).as(d.name()).isTrue();
        assertThat(matches("docs/**", d, "docs/a/b.md")).as(d.name()).isTrue();
      }
    }
  }

  @Nested
  class GitHub {
    @Test
    void doubleStarCrossesFoldersAnywhereAndQuestionMarkAndPlusQuantify() {
      assertThat(Globs.pattern("docs/**/*.md").matcher("docs/README.md").matches()).isTrue();
      assertThat(Globs.pattern("feature**").matcher("feature/x/y").matches()).isTrue();
      assertThat(Globs.pattern("colou?r").matcher("color").matches()).isTrue();
      assertThat(Globs.pattern("colou?r").matcher("colour").matches()).isTrue();
      assertThat(Globs.pattern("v1+").matcher("v111").matches()).isTrue();
      assertThat(Globs.pattern("[!a]x").matcher("!x").matches()).as("no negated classes on GitHub").isTrue();
      assertThat(Globs.pattern("[!a]x").matcher("bx").matches()).isFalse();
    }

    @Test
    void aFileMatcherTakesPathsRelativeToItsBase() {
      Path base = Path.of("/repo");
      assertThat(Globs.files(base, "model/**/pom.xml").test(base.resolve("model/pom.xml"))).isTrue();
      assertThat(Globs.files(base, "model/**/pom.xml").test(base.resolve("other/pom.xml"))).isFalse();
    }
  }

  @Nested
  class Gitignore {
    @Test
    void doubleStarIsSpecialOnlyAsAWholeSegment() {
      assertThat(matches("feature**", Dialect.GITIGNORE, "feature/x")).as("two single stars").isFalse();
      assertThat(matches("feature**", Dialect.GITIGNORE, "featurex")).isTrue();
      assertThat(matches("a/**/z.txt", Dialect.GITIGNORE, "a/z.txt")).isTrue();
      assertThat(matches("a/**/z.txt", Dialect.GITIGNORE, "a/b/c/z.txt")).isTrue();
    }

    @Test
    void questionMarkIsOneCharacterAndClassesMayBeNegated() {
      assertThat(matches("file?.txt", Dialect.GITIGNORE, "file1.txt")).isTrue();
      assertThat(matches("file?.txt", Dialect.GITIGNORE, "file.txt")).isFalse();
      assertThat(matches("file?.txt", Dialect.GITIGNORE, "file/.txt")).isFalse();
      assertThat(matches("[!a]x", Dialect.GITIGNORE, "bx")).isTrue();
      assertThat(matches("[!a]x", Dialect.GITIGNORE, "ax")).isFalse();
      assertThat(matches("[^a]x", Dialect.GITIGNORE, "ax")).isFalse();
      assertThat(matches("v1+", Dialect.GITIGNORE, "v1+")).as("+ is itself").isTrue();
      assertThat(matches("v1+", Dialect.GITIGNORE, "v11")).isFalse();
    }
  }
}
