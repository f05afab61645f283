package org.mloop.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeTest {
  private final List<String> problems = new ArrayList<>();

  private YamlNode read(String yaml) {
    return YamlTree.read(yaml, "one document please", (line, field, message) ->
        problems.add(line + " " + field + " " + message));
  }

  @Test
  void mappingsListsAndScalarsKeepTheirLines() {
    YamlNode root = read("""
        name: x
        steps:
          - run: echo hi
          - uses: actions/checkout@v4
            with: {fetch-depth: 0}
        flags: [1, true, "two"]
        """);
    assertThat(problems).isEmpty();
    assertThat(root.fields()).containsOnlyKeys("name", "steps", "flags");
    YamlNode steps = root.get("steps");
    assertThat(steps.isList()).isTrue();
    assertThat(steps.line()).isEqualTo(2);
    assertThat(steps.items()).hasSize(2);
    assertThat(steps.items().get(1).line()).isEqualTo(4);
    assertThat(steps.items().get(1).get("with").get("fetch-depth").text()).isEqualTo("0");
    assertThat(root.get("flags").items()).extracting(YamlNode::token)
        .containsExactly(JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_TRUE, JsonToken.VALUE_STRING);
    assertThat(root.get("flags").items()).extracting(YamlNode::text).containsExactly("1", "true", "two");
  }

  @Test
  void linesInsideMultiLineTexts() {
    YamlNode root = read("""
        steps:
          - run: |
              echo a
              echo b
            name: plain ${{ x }}
          - run: >-
              folded
        """);
    YamlNode run = root.get("steps").items().get(0).get("run");
    assertThat(run.line()).isEqualTo(2);
    assertThat(run.textLine()).as("a literal block starts on the next line").isEqualTo(3);
    assertThat(run.lineOf(run.text().indexOf("echo b"))).isEqualTo(4);
    YamlNode name = root.get("steps").items().get(0).get("name");
    assertThat(name.textLine()).isEqualTo(5);
    assertThat(name.lineOf(6)).isEqualTo(5);
    assertThat(root.get("steps").items().get(1).get("run").textLine()).isEqualTo(7);
  }

  @Test
  void yesAndOnAreBooleansInYaml11AndWordsInYaml12() {
    String yaml = "a: yes\nb: on\nc: True\nd: false\n";
    YamlNode old = read(yaml);
    assertThat(old.fields().values()).extracting(YamlNode::text).containsExactly("true", "true", "true", "false");
    YamlNode core = YamlTree.read(yaml, "", YamlTree.Booleans.YAML_1_2, (line, field, message) -> problems.add(message));
    assertThat(core.fields().values()).extracting(YamlNode::token).containsExactly(JsonToken.VALUE_STRING,
        JsonToken.VALUE_STRING, JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE);
    assertThat(core.fields().values()).extracting(YamlNode::text).containsExactly("yes", "on", "true", "false");
  }

  @Test
  void duplicateKeysInsideListsAreReportedWithTheirPath() {
    read("""
        steps:
          - run: a
            run: b
        """);
    assertThat(problems).containsExactly("3 steps[0].run appears twice (first on line 2): keep one");
  }

  @Test
  void aliasesAndSecondDocumentsAreReported() {
    read("""
        a: &x 1
        b: *x
        ---
        c: 2
        """);
    assertThat(problems).containsExactly(
        "2 b YAML aliases (*x) are not supported: write the value out",
        "4 null a second YAML document starts here: one document please");
  }

  @Test
  void invalidYamlGivesNoTree() {
    assertThat(read("a: b: c\n")).isNull();
    assertThat(problems).singleElement().asString().startsWith("1 null invalid YAML: ");
  }

  @Test
  void everyFileReadThroughTheTreeIsBoundedTheSameWay() {
    // Workflows (YAML 1.2 words), job files and thresholds files all read through here.
    String workflow = "on: push\njobs:\n  build:\n    steps:\n      - run: |\n" + "          echo hi\n".repeat(10_000);
    assertThat(YamlTree.read(workflow, "", YamlTree.Booleans.YAML_1_2, (line, field, message) ->
        problems.add(line + " " + field + " " + message))).isNull();
    assertThat(problems).containsExactly(
        "5 jobs.build.steps[0].run is 80000 characters long, over the limit of 65536 for one value");

    problems.clear();
    assertThat(read("on: push\nenv: {A: " + "[".repeat(150) + "]".repeat(150) + "}\n")).isNull();
    assertThat(problems).containsExactly("2 null is refused: it nests objects and lists more than 100 levels deep (the limit)");
  }
}
