package org.mloop.cli.jobs;

import picocli.CommandLine.Command;

/** mloop job: command jobs, as Azure ML's `az ml job`. */
@Command(
    name = "job",
    description = "Submit, follow, inspect and cancel training jobs.",
    mixinStandardHelpOptions = true,
    subcommands = {
      JobCreateCommand.class,
      JobShowCommand.class,
      JobListCommand.class,
      JobStreamCommand.class,
      JobCancelCommand.class,
      JobDownloadCommand.class,
      JobExecuteCommand.class
    },
    footer = {"", "Example:", "  mloop job create --file model/job.yml --set inputs.reg_rate=0.1 --stream"})
public final class JobCommand {}
