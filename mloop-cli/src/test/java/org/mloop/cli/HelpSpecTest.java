package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command a user can type explains itself with --help and shows an example. */
class HelpSpecTest {

  @Test
  void everyVisibleCommandHasHelpWithAnExample() {
    List<String> missing = new ArrayList<>();
    visit(new CommandLine(new Main()), missing);
    assertThat(missing).as("commands whose --help has no example").isEmpty();
  }

  @Test
  void helpOfALeafCommandPrintsItsExample() {
    Cli.Result result = new Cli(null).run("job", "create", "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--file").contains("--set").contains("--stream").contains("Example")
        .contains("mloop job create --file model/job.yml");
  }

  @Test
  void anUnknownOptionIsRefusedWithTheCommandsUsage() {
    Cli.Result result = new Cli(null).run("data", "list", "--colour");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("--colour").contains("Usage: mloop data list");
  }

  private static void visit(CommandLine command, List<String> missing) {
    CommandLine.Model.CommandSpec spec = command.getCommandSpec();
    if (spec.usageMessage().hidden() || spec.name().equals("help")) {
      return;
    }
    String footer = String.join("\n", spec.usageMessage().footer());
    if (!footer.contains("Example")) {
      missing.add(spec.qualifiedName());
    }
    command.getSubcommands().values().forEach(sub -> visit(sub, missing));
  }
}
