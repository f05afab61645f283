package org.mloop.cli;

import java.io.Console;
import org.mloop.core.MloopException;
import picocli.CommandLine.Option;

/**
 * The --yes of destructive commands: a command goes ahead with --yes, or when a person at a terminal
 * confirms; a script without --yes is refused with what would have been deleted.
 */
public final class Confirmation {
  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
  boolean yes;

  /** Returns when the deletion of {@code what} may go ahead; refuses it otherwise. */
  public void confirm(String what) {
    if (yes) {
      return;
    }
    Console console = System.console();
    if (console == null) {
      throw MloopException.invalid("this would delete " + what + "; add --yes to confirm");
    }
    String answer = console.readLine("Delete " + what + "? [y/N] ");
    if (answer == null || !answer.trim().equalsIgnoreCase("y") && !answer.trim().equalsIgnoreCase("yes")) {
      throw MloopException.invalid("not deleted: " + what + " (answer y to confirm, or pass --yes)");
    }
  }
}
