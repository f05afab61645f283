package org.mloop.cli.models;

import picocli.CommandLine.Command;

/** mloop model: the model registry (versions, aliases and their history, lineage). */
@Command(
    name = "model",
    description = "Register model versions with their lineage, promote them with aliases, and trace every move.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ModelRegisterCommand.class,
      ModelCompareCommand.class,
      ModelListCommand.class,
      ModelShowCommand.class,
      ModelAliasCommand.class,
      ModelHistoryCommand.class,
      ModelArchiveCommand.class,
      ModelUpdateCommand.class,
      ModelDeleteCommand.class,
      ModelDownloadCommand.class
    },
    footer = {"", "Examples:",
        "  mloop model register --name diabetes --from-job plucky_orchid_4k2n9x --output-name model_output",
        "  mloop model alias set --name diabetes --alias production --version 3 --reason \"AUC 0.97 on prod data\"",
        "  mloop model show diabetes@production"})
public final class ModelCommand {}
