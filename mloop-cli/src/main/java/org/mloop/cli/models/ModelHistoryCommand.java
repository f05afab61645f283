package org.mloop.cli.models;

import java.time.Instant;
import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "The alias trail of a model, oldest first: when, who, which alias, from which version to which, and why.",
    footer = {"", "Examples:", "  mloop model history diabetes", "  mloop model history diabetes --alias production"})
public final class ModelHistoryCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME", description = "The model.")
  String name;

  @Option(names = "--alias", description = "Only the moves of this alias.")
  String alias;

  @Override
  protected int run(Workspace ws, Printer out) {
    List<AliasMove> moves = ws.registry().aliasHistory(name, alias);
    out.result(moves, () -> {
      out.table(List.of("WHEN", "WHO", "ALIAS", "FROM", "TO", "REASON"), moves.stream()
          .map(m -> List.of(Instant.ofEpochMilli(m.movedAt()).toString(), m.who() == null ? "-" : m.who(), m.alias(),
              m.fromVersion() == null ? "-" : String.valueOf(m.fromVersion()),
              m.toVersion() == null ? "(deleted)" : String.valueOf(m.toVersion()),
              m.reason() == null ? "" : m.reason())).toList());
    });
    return 0;
  }
}
