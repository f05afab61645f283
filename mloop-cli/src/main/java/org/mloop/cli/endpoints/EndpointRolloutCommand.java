package org.mloop.cli.endpoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.rollout.RolloutRequest;
import org.mloop.core.rollout.RolloutResult;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = {"Roll a model version out to an endpoint, blue/green.",
        "Creates the endpoint when missing; adds a deployment at 0% beside the live one and smoke-tests it"
            + " directly; moves --canary percent of the traffic to it, then all, smoke-testing through the endpoint"
            + " each time; moves --alias to the version; keeps the previous live deployment at 0% for"
            + " `mloop endpoint restore` and deletes older idle ones. When a step after the first traffic change"
            + " fails, the previous split comes back and the alias stays (or is put back). Prints each step with"
            + " its time and the state left; exits 1 when the rollout failed."},
    footer = {"", "Examples:",
        "  mloop endpoint rollout --name diabetes-prod --model diabetes:7 --canary 10"
            + " --smoke-test model/sample-request.json --alias production",
        "  mloop endpoint rollout --name diabetes-staging --model diabetes:7 --alias staging --no-keep-previous"})
public final class EndpointRolloutCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;
  @Spec CommandSpec spec;

  @Option(names = "--name", required = true, description = "The endpoint (created when missing).")
  String name;

  @Option(names = "--model", required = true, paramLabel = "NAME:VERSION", description = "The version to roll out.")
  String model;

  @Option(names = "--canary", defaultValue = "0", paramLabel = "PERCENT",
      description = "Share of the traffic the new deployment takes first (1-99); 0 moves all at once. Default: 0.")
  int canary;

  @Option(names = "--smoke-test", paramLabel = "FILE",
      description = "A scoring request (/score JSON) each step must answer with 2xx; without it, no smoke tests.")
  Path smokeTest;

  @Option(names = "--alias", paramLabel = "ALIAS", description = "The alias that follows, e.g. production.")
  String alias;

  @Option(names = "--deployment", paramLabel = "NAME",
      description = "Name of the new deployment (default: m<VERSION>-1, or the next free m<VERSION>-N).")
  String deployment;

  @Option(names = "--data-collection", paramLabel = "PERCENT",
      description = "Data collection of the new deployment (default: as the live deployment's).")
  Double collect;

  @Option(names = "--keep-previous", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Keep the previous live deployment at 0% for a restore (default); --no-keep-previous deletes it.")
  boolean keepPrevious;

  @Option(names = "--description", description = "Description of the endpoint, when it is created.")
  String description;

  @Option(names = "--reason", description = "Recorded with the alias move.")
  String reason;

  @Override
  public Integer call() throws IOException {
    RolloutRequest request = RolloutRequest.builder().endpoint(name).model(model).canaryPercent(canary)
        .smokeTestRequest(RolloutRuns.smokeTest(smokeTest)).alias(alias).deployment(deployment)
        .keepPrevious(keepPrevious).collectPercent(collect).description(description).reason(reason)
        .who(System.getProperty("user.name")).build();
    RolloutResult result;
    try (Workspace ws = workspace.open()) {
      result = RolloutRuns.run(ws, workspace.location(), name, w -> w.endpoints().rollout(request));
    }
    return RolloutRuns.print(result, Printer.of(spec, workspace.json()));
  }
}
