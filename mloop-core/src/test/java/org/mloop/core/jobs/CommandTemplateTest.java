package org.mloop.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;
import org.mloop.core.jobs.CommandTemplate.Quoting;

class CommandTemplateTest {
  static final String NASTY = "/tmp/my data/it's \"quoted\" $HOME `id` \\ end";

  /** What bash prints for {@code command}: the arguments of printf, one per line. */
  static String bash(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  @Test
  void replacesInputsAndOutputs() {
    String resolved = CommandTemplate.resolve(
        "java -jar model.jar --data ${{inputs.training_data}} --reg_rate ${{ inputs.reg_rate }} "
            + "--out ${{outputs.model_output}}",
        Map.of("training_data", "/ws/data/dev", "reg_rate", "0.01"),
        Map.of("model_output", "/scratch/out"));

    assertThat(resolved).isEqualTo("java -jar model.jar --data /ws/data/dev --reg_rate 0.01 --out /scratch/out");
  }

  @Test
  void plainWordsAreNotQuotedOthersAre() {
    assertThat(CommandTemplate.quote("/a/b-c_d.csv", Quoting.NONE)).isEqualTo("/a/b-c_d.csv");
    assertThat(CommandTemplate.quote("a b", Quoting.NONE)).isEqualTo("'a b'");
    assertThat(CommandTemplate.quote("", Quoting.NONE)).isEqualTo("''");
    assertThat(CommandTemplate.quote("it's", Quoting.NONE)).isEqualTo("'it'\\''s'");
  }

  @Test
  void aNastyValueSurvivesUnquoted() throws Exception {
    String command = CommandTemplate.resolve("printf '%s\\n' ${{inputs.p}} next", Map.of("p", NASTY), Map.of());

    assertThat(bash(command)).isEqualTo(NASTY + "\nnext\n");
  }

  @Test
  void aNastyValueSurvivesInsideSingleQuotes() throws Exception {
    String command = CommandTemplate.resolve("printf '%s\\n' 'pre ${{inputs.p}} post'", Map.of("p", NASTY), Map.of());

    assertThat(bash(command)).isEqualTo("pre " + NASTY + " post\n");
  }

  @Test
  void aNastyValueSurvivesInsideDoubleQuotes() throws Exception {
    String command = CommandTemplate.resolve("printf '%s\\n' \"pre ${{inputs.p}} post\"", Map.of("p", NASTY), Map.of());

    assertThat(bash(command)).isEqualTo("pre " + NASTY + " post\n");
  }

  @Test
  void aValueGluedToOtherTextStaysOneWord() throws Exception {
    String command = CommandTemplate.resolve("printf '%s\\n' --out=${{outputs.o}}/model.bin",
        Map.of(), Map.of("o", "/tmp/a b"));

    assertThat(bash(command)).isEqualTo("--out=/tmp/a b/model.bin\n");
  }

  @Test
  void escapedQuotesDoNotOpenAQuotedSection() throws Exception {
    String command = CommandTemplate.resolve("printf '%s\\n' \\\"${{inputs.p}}\\\" \"a\\\"${{inputs.p}}\"",
        Map.of("p", "x y"), Map.of());

    assertThat(bash(command)).isEqualTo("\"x y\"\na\"x y\n");
  }

  @Test
  void listsPlaceholdersWithTheirQuoting() {
    List<CommandTemplate.Placeholder> found =
        CommandTemplate.placeholders("a ${{inputs.x}} '${{outputs.y}}' \"${{z}}\"");

    assertThat(found).extracting(CommandTemplate.Placeholder::text)
        .containsExactly("${{inputs.x}}", "${{outputs.y}}", "${{z}}");
    assertThat(found).extracting(CommandTemplate.Placeholder::quoting)
        .containsExactly(Quoting.NONE, Quoting.SINGLE, Quoting.DOUBLE);
    assertThat(found).extracting(CommandTemplate.Placeholder::kind).containsExactly("inputs", "outputs", null);
    assertThat(found).extracting(CommandTemplate.Placeholder::name).containsExactly("x", "y", null);
  }

  @Test
  void unknownAndUnsupportedPlaceholdersAreErrors() {
    assertThatThrownBy(() -> CommandTemplate.resolve("echo ${{inputs.nope}}", Map.of("a", "1"), Map.of()))
        .isInstanceOf(MloopException.class)
        .hasMessage("the command uses ${{inputs.nope}} but the job has no inputs named 'nope' (inputs: a)");
    assertThatThrownBy(() -> CommandTemplate.resolve("echo ${{outputs.o}}", Map.of(), Map.of()))
        .hasMessage("the command uses ${{outputs.o}} but the job has no outputs named 'o' (outputs: none)");
    assertThatThrownBy(() -> CommandTemplate.resolve("echo ${{env.HOME}}", Map.of(), Map.of()))
        .hasMessage("'${{env.HOME}}' is not supported in a command: use ${{inputs.NAME}} or ${{outputs.NAME}}");
    assertThatThrownBy(() -> CommandTemplate.resolve("echo ${{inputs.a", Map.of("a", "1"), Map.of()))
        .hasMessage("'${{inputs.a' is not closed with '}}'");
  }

  @Test
  void textWithoutPlaceholdersIsUnchanged() {
    assertThat(CommandTemplate.resolve("echo ${HOME} $((1+2)) {{x}}", Map.of(), Map.of()))
        .isEqualTo("echo ${HOME} $((1+2)) {{x}}");
  }
}
