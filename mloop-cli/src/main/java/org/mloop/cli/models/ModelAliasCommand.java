package org.mloop.cli.models;

import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** mloop model alias set|delete: promotion by aliases, each move recorded with who, when and why. */
@Command(
    name = "alias",
    mixinStandardHelpOptions = true,
    description = "Point an alias (staging, production, ...) at a version, or delete it; every move is recorded.",
    subcommands = {ModelAliasCommand.Set.class, ModelAliasCommand.Delete.class},
    footer = {"", "Example:",
        "  mloop model alias set --name diabetes --alias production --version 3 --reason \"AUC 0.97 on prod data\""})
public final class ModelAliasCommand {

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Point an alias at a READY version (creating or moving it).",
      footer = {"", "Example:",
          "  mloop model alias set --name diabetes --alias staging --version 4 --reason \"passed the champion gate\""})
  static final class Set extends WorkspaceCommand {
    @Option(names = "--name", required = true, description = "The model.")
    String name;

    @Option(names = "--alias", required = true, description = "The alias, e.g. staging or production.")
    String alias;

    @Option(names = "--version", required = true, description = "The version it should point at.")
    int version;

    @Option(names = "--reason", description = "Why; kept in the alias history.")
    String reason;

    @Override
    protected int run(Workspace ws, Printer out) {
      AliasMove move = ws.registry().setAlias(name, alias, version, System.getProperty("user.name"), reason);
      if (out.json()) {
        out.json(move);
      } else if (move == null) {
        out.line(name + "@" + alias + " already points at version " + version + "; nothing changed");
      } else {
        out.line(name + "@" + alias + ": " + (move.fromVersion() == null ? "(new)" : "version " + move.fromVersion())
            + " -> version " + move.toVersion());
      }
      return 0;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete an alias; the deletion is recorded in the history.",
      footer = {"", "Example:", "  mloop model alias delete --name diabetes --alias staging --reason \"retired\""})
  static final class Delete extends WorkspaceCommand {
    @Option(names = "--name", required = true, description = "The model.")
    String name;

    @Option(names = "--alias", required = true, description = "The alias to delete.")
    String alias;

    @Option(names = "--reason", description = "Why; kept in the alias history.")
    String reason;

    @Override
    protected int run(Workspace ws, Printer out) {
      AliasMove move = ws.registry().deleteAlias(name, alias, System.getProperty("user.name"), reason);
      out.result(move, "Deleted " + name + "@" + alias + " (it pointed at version " + move.fromVersion() + ")");
      return 0;
    }
  }
}
