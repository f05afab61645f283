package org.mloop.cli.endpoints;

import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "get-keys",
    mixinStandardHelpOptions = true,
    description = {"Print an endpoint's primary and secondary keys.",
        "Callers send one as 'Authorization: Bearer KEY'. Either key works, so clients can move to one while the "
            + "other is regenerated.",
        "The only command that shows keys; on a server it needs a deployer or admin token whose scope names the"
            + " endpoint."},
    footer = {"", "Examples:", "  mloop endpoint get-keys --name diabetes-prod",
        "  KEY=$(mloop endpoint get-keys --name diabetes-prod --output json | jq -r .primaryKey)"})
public final class EndpointGetKeysCommand extends WorkspaceCommand {
  @Mixin EndpointName endpoint;

  @Override
  protected int run(Workspace ws, Printer out) {
    Endpoint e = ws.endpoints().get(endpoint.name);
    EndpointKeys k = ws.endpoints().getKeys(endpoint.name);
    // The names of Azure's get-credentials, so scripts written for it read these too.
    Map<String, Object> keys = Printer.object("authMode", e.authMode().wireName(), "primaryKey", k.primary(),
        "secondaryKey", k.secondary());
    out.result(keys, () -> {
      out.fields(List.of(new String[] {"primary", k.primary()},
          new String[] {"secondary", k.secondary()}));
      if (e.authMode() == AuthMode.NONE) {
        out.line("(auth mode is none: this endpoint asks callers for no key)");
      }
    });
    return 0;
  }
}
