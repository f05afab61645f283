package org.mloop.cli.endpoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.rollout.RestoreRequest;
import org.mloop.core.rollout.RolloutResult;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {"Put an endpoint back on its previous deployment, and the alias with it.",
        "The deployment is --target, else the idle one serving the version --alias named before its last move"
            + " (what `mloop endpoint rollout` keeps at 0%), else the newest idle one older than the live one."
            + " It is smoke-tested directly, takes all traffic, the alias moves to its version and the endpoint is"
            + " smoke-tested; if the alias move or the last smoke test fails, the traffic goes back. Exits 1 when"
            + " the restore failed."},
    footer = {"", "Examples:",
        "  mloop endpoint restore --name diabetes-prod --alias production --reason \"AUC dropped\"",
        "  mloop endpoint restore --name diabetes-prod --alias production --target m6-1"})
public final class EndpointRestoreCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;
  @Spec CommandSpec spec;

  @Option(names = "--name", required = true, description = "The endpoint.")
  String name;

  @Option(names = "--alias", paramLabel = "ALIAS", description = "The alias that follows, e.g. production.")
  String alias;

  @Option(names = "--target", paramLabel = "DEPLOYMENT", description = "The deployment to restore.")
  String target;

  @Option(names = "--smoke-test", paramLabel = "FILE",
      description = "A scoring request (/score JSON) each step must answer with 2xx; without it, no smoke tests.")
  Path smokeTest;

  @Option(names = "--reason", description = "Recorded with the alias move.")
  String reason;

  @Override
  public Integer call() throws IOException {
    RestoreRequest request = RestoreRequest.builder().endpoint(name).alias(alias).target(target)
        .smokeTestRequest(RolloutRuns.smokeTest(smokeTest)).reason(reason).who(System.getProperty("user.name"))
        .build();
    RolloutResult result;
    try (Workspace ws = workspace.open()) {
      result = RolloutRuns.run(ws, workspace.location(), name, w -> w.endpoints().restore(request));
    }
    return RolloutRuns.print(result, Printer.of(spec, workspace.json()));
  }
}
