package org.mloop.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactPath.Allow;

class ArtifactPathTest {

  @Test
  void aPlainRelativePathIsKeptAsGivenWithItsSegments() {
    ArtifactPath path = ArtifactPath.parse("artifact path", "model/weights 1+2%.bin");
    assertThat(path.value()).isEqualTo("model/weights 1+2%.bin");
    assertThat(path.segments()).containsExactly("model", "weights 1+2%.bin");
    assertThat(path.isRoot()).isFalse();
    assertThat(path).isEqualTo(ArtifactPath.parse("other field", "model/weights 1+2%.bin"));
    // Dots inside a name, and a colon after the first character, are ordinary characters.
    for (String fine : List.of("..x", "x..", ".hidden", "a/.b/c..d", "ab:c", "x/C:y", "Ämne/ß.txt")) {
      assertThat(ArtifactPath.parse("artifact path", fine).value()).as(fine).isEqualTo(fine);
    }
  }

  @Test
  void everyWayOutOfTheRootIsRefusedNamingFieldPathAndReason() {
    Map<String, String> reasons = Map.ofEntries(
        Map.entry("/etc/passwd", "it is absolute"),
        Map.entry("../outside", "it has a '..' segment"),
        Map.entry("a/../../b", "it has a '..' segment"),
        Map.entry("a/./b", "it has a '.' segment"),
        Map.entry(".", "it has a '.' segment"),
        Map.entry("a\\b", "it contains a backslash"),
        Map.entry("a//b", "it has an empty segment"),
        Map.entry("a/", "it has an empty segment"),
        Map.entry("C:/x", "it starts with a drive letter"),
        Map.entry("c:x", "it starts with a drive letter"));
    reasons.forEach((bad, reason) -> assertThatThrownBy(() -> ArtifactPath.parse("upload path", bad)).as(bad)
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageStartingWith("upload path '" + bad + "' is not allowed: " + reason)
        .hasMessageContaining("use a relative path with '/' separators"));
  }

  @Test
  void aNulCharacterIsShownEscapedNeverRaw() {
    assertThatThrownBy(() -> ArtifactPath.parse("artifact path", "a\0b"))
        .hasMessageStartingWith("artifact path 'a\\0b' is not allowed: it contains a NUL character")
        .hasMessageNotContaining("\0");
  }

  @Test
  void aLongPathIsAbbreviatedInTheMessage() {
    String longPath = "x".repeat(5000) + "/../y";
    assertThatThrownBy(() -> ArtifactPath.parse("artifact path", longPath))
        .hasMessageContaining("(5005 characters) is not allowed: it has a '..' segment")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void theRootIsAPathOnlyWhereAsked() {
    assertThat(ArtifactPath.parse("path", null, Allow.ROOT)).isSameAs(ArtifactPath.ROOT);
    assertThat(ArtifactPath.parse("path", "", Allow.ROOT).isRoot()).isTrue();
    assertThat(ArtifactPath.ROOT.value()).isEmpty();
    assertThat(ArtifactPath.ROOT.segments()).isEmpty();
    assertThatThrownBy(() -> ArtifactPath.parse("file path", "")).hasMessage(
        "file path is not allowed: it is empty; use a relative path with '/' separators, such as 'model/model.bin'");
    assertThatThrownBy(() -> ArtifactPath.parse("file path", null)).hasMessageStartingWith("file path is not allowed: it is empty");
  }

  @Test
  void oneTrailingSlashIsIgnoredOnlyWhereAsked() {
    assertThat(ArtifactPath.parse("source path", "model/", Allow.TRAILING_SLASH).value()).isEqualTo("model");
    assertThatThrownBy(() -> ArtifactPath.parse("source path", "model//", Allow.TRAILING_SLASH))
        .hasMessageContaining("'model//' is not allowed: it has an empty segment");
    assertThatThrownBy(() -> ArtifactPath.parse("source path", "/", Allow.TRAILING_SLASH, Allow.ROOT))
        .hasMessageContaining("'/' is not allowed: it is absolute");
    assertThatThrownBy(() -> ArtifactPath.parse("source path", "model/"))
        .hasMessageContaining("'model/' is not allowed: it has an empty segment");
  }

  @Test
  void climbsOutSpotsDotSegmentsBackslashesAndNulAnywhereInARequestPath() {
    for (String out : List.of("/api/x/../y", "/api/x/./y", "/api/x\\y", "/api/x\0", "..", "a/.")) {
      assertThat(ArtifactPath.climbsOut(out)).as(out).isTrue();
    }
    for (String in : List.of("/api/x/..y/y..", "/api//x/", "/", "")) {
      assertThat(ArtifactPath.climbsOut(in)).as(in).isFalse();
    }
  }

  /** As Python's posixpath.normpath, which MLflow applies to metric, param and tag keys. */
  @Test
  void posixNormalizedIsPythonsNormpath() {
    Map<String, String> normpath = Map.ofEntries(
        Map.entry("a/b", "a/b"), Map.entry("a//b", "a/b"), Map.entry("a/", "a"), Map.entry("./a", "a"),
        Map.entry("a/.", "a"), Map.entry("a/../b", "b"), Map.entry("..", ".."), Map.entry("../x", "../x"),
        Map.entry("../../x", "../../x"), Map.entry(".", "."), Map.entry("", "."), Map.entry("/abs", "/abs"),
        Map.entry("/../x", "/x"), Map.entry("a/..", "."), Map.entry("..foo", "..foo"));
    normpath.forEach((path, normalized) -> assertThat(ArtifactPath.posixNormalized(path)).as(path).isEqualTo(normalized));
  }
}
