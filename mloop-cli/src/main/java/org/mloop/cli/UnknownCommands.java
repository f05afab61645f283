package org.mloop.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.mloop.core.DidYouMean;
import picocli.CommandLine;

/**
 * Refuses a word that names no command of a command with subcommands, at any level
 * (`mloop nosuch`, `mloop model nosuch --help`): it says which word and which command it was given
 * to, suggests a near miss and lists the commands, and exits 2. Every other bad argument gets
 * picocli's own message and usage.
 */
final class UnknownCommands implements CommandLine.IParameterExceptionHandler {
  private final CommandLine.IParameterExceptionHandler others;

  UnknownCommands(CommandLine.IParameterExceptionHandler others) {
    this.others = others;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) throws Exception {
    CommandLine command = e.getCommandLine();
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)
        || command.getSubcommands().isEmpty()
        || unmatched.getUnmatched().isEmpty()
        || unmatched.getUnmatched().get(0).startsWith("-")) {
      return others.handleParseException(e, args);
    }
    String word = unmatched.getUnmatched().get(0);
    String name = command.getCommandSpec().qualifiedName();
    List<String> commands = visibleCommands(command);
    PrintWriter err = command.getErr();
    err.println("Unknown command '" + word + "' for '" + name + "'" + DidYouMean.suggestion(word, commands) + ".");
    err.println("Commands of '" + name + "': " + String.join(", ", commands) + ". See '" + name + " --help'.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static List<String> visibleCommands(CommandLine command) {
    return command.getSubcommands().entrySet().stream()
        .filter(sub -> !sub.getValue().getCommandSpec().usageMessage().hidden())
        .filter(sub -> sub.getKey().equals(sub.getValue().getCommandName())) // not aliases
        .map(Map.Entry::getKey)
        .filter(sub -> !sub.equals("help"))
        .toList();
  }
}
