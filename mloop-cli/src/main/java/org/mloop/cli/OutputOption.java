package org.mloop.cli;

import picocli.CommandLine.Option;

/** The --output option of the commands that print a result: an aligned table for people or JSON for scripts. */
public final class OutputOption {
  public enum Format { table, json }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format output = Format.table;

  public boolean json() {
    return output == Format.json;
  }
}
