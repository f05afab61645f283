package org.mloop.cli.endpoints;

import picocli.CommandLine.Command;

/** mloop endpoint: online endpoints (a stable scoring URI, keys, and a traffic split over deployments). */
@Command(
    name = "endpoint",
    description = "Online endpoints: a scoring URI with keys, and a traffic split over its deployments "
        + "(as Azure ML's managed online endpoints).",
    mixinStandardHelpOptions = true,
    subcommands = {
      EndpointCreateCommand.class,
      EndpointShowCommand.class,
      EndpointListCommand.class,
      EndpointUpdateCommand.class,
      EndpointGetKeysCommand.class,
      EndpointRegenerateKeyCommand.class,
      EndpointInvokeCommand.class,
      EndpointRolloutCommand.class,
      EndpointRestoreCommand.class,
      EndpointDeleteCommand.class
    },
    footer = {"", "Examples:",
        "  mloop endpoint create --name diabetes-prod",
        "  mloop deployment create --endpoint diabetes-prod --name blue --model diabetes@production",
        "  mloop endpoint update --name diabetes-prod --traffic blue=90,green=10",
        "  mloop endpoint show --name diabetes-prod",
        "  mloop endpoint invoke --name diabetes-prod --request-file model/sample-request.json",
        "  mloop endpoint rollout --name diabetes-prod --model diabetes:7 --canary 10"
            + " --smoke-test model/sample-request.json --alias production",
        "  mloop endpoint restore --name diabetes-prod --alias production"})
public final class EndpointCommand {}
