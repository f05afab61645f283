package org.mloop.cli.data;

import picocli.CommandLine.Command;

/** mloop data: versioned data assets, and the synthetic diabetes data generator. */
@Command(
    name = "data",
    description = "Register, list and inspect versioned data assets; synthesize diabetes data.",
    mixinStandardHelpOptions = true,
    subcommands = {DataCreateCommand.class, DataListCommand.class, DataShowCommand.class, DataSynthCommand.class},
    footer = {"", "Example:", "  mloop data create --name diabetes-dev-folder --path data/dev"})
public final class DataCommand {}
