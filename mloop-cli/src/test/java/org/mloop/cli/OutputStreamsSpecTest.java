package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/**
 * Commands print through the streams the command line is given (picocli's out and err), so an
 * embedding program or a test reads what they print without swapping System.out.
 */
class OutputStreamsSpecTest {
  @TempDir Path temp;

  @Test
  void aWorkspaceCommandPrintsItsTableAndItsJsonToTheGivenOut() throws Exception {
    String ws = temp.resolve("ws").toString();
    Printed table = run("endpoint", "create", "--name", "streams-test", "--workspace", ws);
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).contains("Created endpoint streams-test (auth mode key)");

    Printed json = run("endpoint", "list", "--workspace", ws, "--output", "json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode endpoints = Json.mapper().readTree(json.out());
    assertThat(endpoints.get(0).path("name").asText()).isEqualTo("streams-test");
    assertThat(table.systemOut() + json.systemOut()).isEmpty();
  }

  @Test
  void aCommandWithoutAWorkspacePrintsToTheGivenOutToo() {
    Printed synth = run("data", "synth", "diabetes", "--rows", "3", "--out", temp.resolve("data").toString(),
        "--output", "json");
    assertThat(synth.code()).as(synth.err()).isZero();
    assertThat(synth.out()).contains("\"rows\" : 3");
    assertThat(synth.systemOut()).isEmpty();
  }

  @Test
  void aRefusalGoesToTheGivenErrWithExitCodeTwo() {
    Printed refused = run("endpoint", "update", "--name", "streams-test", "--workspace", temp.resolve("ws").toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).startsWith("error: nothing to update");
    assertThat(refused.out()).isEmpty();
    assertThat(temp.resolve("ws")).as("options are refused before the workspace is created").doesNotExist();
  }

  record Printed(int code, String out, String err, String systemOut) {}

  /** Runs mloop with writers of its own while System.out points elsewhere, to see where the output goes. */
  private static synchronized Printed run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream system = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(system, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new Printed(code, out.toString(), err.toString(), system.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }
}
