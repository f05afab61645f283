package org.mloop.cli.endpoints;

import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {"Create an online endpoint with two fresh keys and no deployments yet.",
        "Staging and production are two endpoints of one workspace, e.g. diabetes-staging and diabetes-prod."},
    footer = {"", "Examples:",
        "  mloop endpoint create --name diabetes-prod --description \"Is this patient diabetic?\"",
        "  mloop endpoint create --name diabetes-demo --auth-mode none"})
public final class EndpointCreateCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true,
      description = "Endpoint name: 3-32 letters, digits or '-', starting with a letter; it goes into the scoring URI.")
  String name;

  @Option(names = "--description", description = "What the endpoint is for.")
  String description;

  @Option(names = "--auth-mode", paramLabel = "key|none", defaultValue = "key",
      description = "key: callers send one of the endpoint's two keys (default); none: no key is asked.")
  String authMode;

  private AuthMode mode;

  @Override
  protected void checkOptions() {
    mode = AuthMode.parse(authMode);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    Endpoint e = ws.endpoints().create(name, description, mode);
    out.result(EndpointViews.json(e, ws.location(), List.of()), () -> {
      out.line("Created endpoint " + e.name() + " (auth mode " + e.authMode().wireName() + ")");
      out.fields(EndpointViews.fields(e, ws.location()).stream()
          .filter(f -> f[0].equals("scoring uri") || f[0].equals("serve it with")).toList());
      out.line("Next: mloop deployment create --endpoint " + e.name() + " --name blue --model NAME@ALIAS");
    });
    return 0;
  }
}
