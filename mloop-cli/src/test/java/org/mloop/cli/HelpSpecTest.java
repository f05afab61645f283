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
    visit(Main.commandLine(), missing);
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

  @Test
  void anUnknownCommandExitsTwoEvenWithHelp() {
    for (List<String> args : List.of(List.of("nosuch"), List.of("nosuch", "--help"), List.of("--help", "nosuch"))) {
      Cli.Result result = new Cli(null).run(args.toArray(String[]::new));
      assertThat(result.exitCode()).as("mloop %s", args).isEqualTo(2);
      assertThat(result.err()).as("mloop %s", args).contains("Unknown command 'nosuch' for 'mloop'")
          .contains("quickstart, data, job");
      assertThat(result.out()).as("no help printed as if the command were fine").doesNotContain("Usage:");
    }
  }

  @Test
  void anUnknownSubcommandAtAnyLevelIsNamedWithItsCommand() {
    Cli.Result model = new Cli(null).run("model", "nosuch", "--help");
    assertThat(model.exitCode()).isEqualTo(2);
    assertThat(model.err()).contains("Unknown command 'nosuch' for 'mloop model'").contains("register, compare, list");

    Cli.Result alias = new Cli(null).run("model", "alias", "sett", "--help");
    assertThat(alias.exitCode()).isEqualTo(2);
    assertThat(alias.err()).contains("Unknown command 'sett' for 'mloop model alias' (did you mean 'set'?)");

    Cli.Result typo = new Cli(null).run("model", "lst");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("Unknown command 'lst' for 'mloop model' (did you mean 'list'?)");
  }

  @Test
  void extraWordsAfterACommandAreRefusedEvenWithHelp() {
    Cli.Result result = new Cli(null).run("data", "list", "extra", "--help");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'extra'").contains("Usage: mloop data list");
  }

  @Test
  void helpOfAKnownCommandStillExitsZero() {
    assertThat(new Cli(null).run("--help").exitCode()).isZero();
    assertThat(new Cli(null).run("model", "--help").exitCode()).isZero();
    assertThat(new Cli(null).run("help", "model").exitCode()).isZero();
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
