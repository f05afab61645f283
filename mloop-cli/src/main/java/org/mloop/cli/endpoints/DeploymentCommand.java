package org.mloop.cli.endpoints;

import picocli.CommandLine.Command;

/** mloop deployment: the model versions served behind an endpoint (blue, green, ...). */
@Command(
    name = "deployment",
    description = "Deployments: a model version served behind an endpoint, fixed when created (diabetes@production "
        + "becomes diabetes:7), with its instances and production data collection.",
    mixinStandardHelpOptions = true,
    subcommands = {
      DeploymentCreateCommand.class,
      DeploymentShowCommand.class,
      DeploymentListCommand.class,
      DeploymentUpdateCommand.class,
      DeploymentLogsCommand.class,
      DeploymentDeleteCommand.class
    },
    footer = {"", "Examples (a blue/green rollout):",
        "  mloop deployment create --endpoint diabetes-prod --name green --model diabetes:7",
        "  mloop endpoint update --name diabetes-prod --traffic blue=90,green=10",
        "  mloop endpoint update --name diabetes-prod --traffic green=100",
        "  mloop deployment delete --endpoint diabetes-prod --name blue --yes"})
public final class DeploymentCommand {}
