package org.mloop.cli.endpoints;

import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.KeyType;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "regenerate-key",
    mixinStandardHelpOptions = true,
    description = {"Replace one of an endpoint's keys with a new random one; the other key keeps working.",
        "To rotate without failed requests: move clients to the secondary key, regenerate the primary, move them "
            + "back, regenerate the secondary."},
    footer = {"", "Example:", "  mloop endpoint regenerate-key --name diabetes-prod --key-type primary"})
public final class EndpointRegenerateKeyCommand extends WorkspaceCommand {
  @Mixin EndpointName endpoint;

  @Option(names = "--key-type", required = true, paramLabel = "primary|secondary", description = "Which key.")
  String keyType;

  private KeyType which;

  @Override
  protected void checkOptions() {
    which = KeyType.parse(keyType);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    Endpoint e = ws.endpoints().regenerateKey(endpoint.name, which);
    KeyType other = which == KeyType.PRIMARY ? KeyType.SECONDARY : KeyType.PRIMARY;
    Map<String, Object> json = Printer.object("endpoint", e.name(), "regenerated", which.wireName(),
        "generation", e.generation());
    out.result(json, () -> {
      out.line("Regenerated the " + which.wireName() + " key of endpoint " + e.name() + "; the " + other.wireName()
          + " key is unchanged.");
      out.line("Get the new key with: mloop endpoint get-keys --name " + e.name());
    });
    return 0;
  }
}
