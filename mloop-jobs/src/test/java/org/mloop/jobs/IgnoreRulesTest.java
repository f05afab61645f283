package org.mloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

  static IgnoreRules rules(String... lines) {
    return IgnoreRules.parse(List.of(lines));
  }

  @Test
  void theModelsRulesKeepOnlyTheShadedJarFromTarget() {
    IgnoreRules r = rules("target/**", "!target/diabetes-model.jar");

    assertThat(r.excludesFile("target/classes/diabetes/Train.class")).isTrue();
    assertThat(r.excludesFile("target/original-diabetes-model.jar")).isTrue();
    assertThat(r.excludesFile("target/diabetes-model.jar")).isFalse();
    assertThat(r.excludesFile("src/main/java/diabetes/Train.java")).isFalse();
    assertThat(r.excludesFile("pom.xml")).isFalse();
    assertThat(r.excludesWholeFolder("target")).as("a later rule re-includes a file in it").isFalse();
  }

  @Test
  void theLastMatchingRuleWinsEvenBelowAnExcludedFolder() {
    IgnoreRules r = rules("build/", "!build/keep/", "build/keep/*.tmp");

    assertThat(r.excludesFile("build/a.o")).isTrue();
    assertThat(r.excludesFile("build/keep/model.bin")).isFalse();
    assertThat(r.excludesFile("build/keep/x.tmp")).isTrue();
  }

  @Test
  void patternsWithoutASlashMatchAtAnyDepth() {
    IgnoreRules r = rules("*.csv", "__pycache__/");

    assertThat(r.excludesFile("data.csv")).isTrue();
    assertThat(r.excludesFile("deep/er/data.csv")).isTrue();
    assertThat(r.excludesFile("data.csv.md")).isFalse();
    assertThat(r.excludesFile("pkg/__pycache__/m.pyc")).isTrue();
    assertThat(r.excludesWholeFolder("pkg/__pycache__")).isTrue();
  }

  @Test
  void patternsWithASlashAreAnchoredToTheCodeFolder() {
    IgnoreRules r = rules("/notes.txt", "docs/*.md");

    assertThat(r.excludesFile("notes.txt")).isTrue();
    assertThat(r.excludesFile("sub/notes.txt")).isFalse();
    assertThat(r.excludesFile("docs/a.md")).isTrue();
    assertThat(r.excludesFile("docs/deep/a.md")).as("* stays within one segment").isFalse();
    assertThat(r.excludesFile("x/docs/a.md")).isFalse();
  }

  @Test
  void doubleStarCrossesFolders() {
    IgnoreRules r = rules("**/cache/**", "a/**/z.txt");

    assertThat(r.excludesFile("cache/x")).isTrue();
    assertThat(r.excludesFile("p/q/cache/r/s")).isTrue();
    assertThat(r.excludesFile("a/z.txt")).isTrue();
    assertThat(r.excludesFile("a/b/c/z.txt")).isTrue();
    assertThat(r.excludesFile("b/z.txt")).isFalse();
  }

  @Test
  void folderOnlyPatternsDoNotMatchFiles() {
    IgnoreRules r = rules("logs/");

    assertThat(r.excludesFile("logs")).as("a file named logs").isFalse();
    assertThat(r.excludesFile("logs/today.txt")).isTrue();
  }

  @Test
  void questionMarksClassesEscapesAndComments() {
    IgnoreRules r = rules("# a comment", "", "file?.txt", "run[0-9].log", "[!a]x", "\\#hash", "\\!bang", "trail   ");

    assertThat(r.excludesFile("file1.txt")).isTrue();
    assertThat(r.excludesFile("file12.txt")).isFalse();
    assertThat(r.excludesFile("run7.log")).isTrue();
    assertThat(r.excludesFile("runx.log")).isFalse();
    assertThat(r.excludesFile("bx")).isTrue();
    assertThat(r.excludesFile("ax")).isFalse();
    assertThat(r.excludesFile("#hash")).isTrue();
    assertThat(r.excludesFile("!bang")).isTrue();
    assertThat(r.excludesFile("trail")).isTrue();
    assertThat(r.excludesFile("# a comment")).isFalse();
  }

  @Test
  void gitFoldersAreAlwaysExcluded() {
    IgnoreRules r = rules("!.git/", "!**");

    assertThat(r.excludesFile(".git/config")).isTrue();
    assertThat(r.excludesFile("vendor/lib/.git/HEAD")).isTrue();
    assertThat(r.excludesWholeFolder(".git")).isTrue();
    assertThat(r.excludesFile(".gitignore")).isFalse();
  }

  @Test
  void workspaceFoldersAreAlwaysExcluded() {
    IgnoreRules r = rules("!**");

    assertThat(r.excludesFile(".mloop/mloop.db")).isTrue();
    assertThat(r.excludesWholeFolder("sub/.mloop")).isTrue();
    assertThat(r.excludesFile(".mloopignore")).isFalse();
  }

  @Test
  void noRulesKeepEverything() {
    IgnoreRules r = rules();

    assertThat(r.excludesFile("anything/at/all")).isFalse();
    assertThat(r.excludesWholeFolder("target")).isFalse();
  }
}
