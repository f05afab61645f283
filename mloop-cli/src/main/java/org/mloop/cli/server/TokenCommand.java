package org.mloop.cli.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.LocalWorkspaces;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.cli.Workspaces;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.store.Token;
import org.mloop.core.workspace.LocalWorkspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Bearer tokens for `mloop server`. Managed on the server's workspace directory; only hashes are stored. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create, list and delete the bearer tokens a workspace server accepts.",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Delete.class},
    footer = {"", "Example:", "  export MLOOP_TOKEN=$(mloop token create --name ci --output json | jq -r .token)"})
public final class TokenCommand {
  private static final SecureRandom RANDOM = new SecureRandom();

  static LocalWorkspace open(WorkspaceOptions options) {
    String location = options.location();
    if (Workspaces.isRemote(location)) {
      throw MloopException.invalid("tokens are managed on the server's own workspace directory, not through "
          + location + "; run this command on the server machine with --workspace DIR");
    }
    return LocalWorkspaces.open(Path.of(location).toAbsolutePath().normalize(), null);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a token and print it once; clients send it as MLOOP_TOKEN.",
      footer = {"", "Example:", "  mloop token create --name github-actions"})
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceOptions workspace;

    @Option(names = "--name", required = true, description = "What the token is for.")
    String name;

    @Override
    public Integer call() {
      byte[] secret = new byte[32];
      RANDOM.nextBytes(secret);
      String token = "mloop_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      try (LocalWorkspace ws = open(workspace)) {
        Token record = ws.metadata().createToken(name, ContentHash.ofString(token));
        Printer out = new Printer(System.out, workspace.json());
        if (out.json()) {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("id", record.id());
          json.put("name", record.name());
          json.put("token", token);
          out.json(json);
        } else {
          out.line(token);
          System.err.println("Token '" + name + "' (id " + record.id() + ") created. It is shown only now:"
              + " store it as the MLOOP_TOKEN secret of your clients.");
        }
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (names and ids, never secrets).",
      footer = {"", "Example:", "  mloop token list"})
  static final class ListTokens implements Callable<Integer> {
    @Mixin WorkspaceOptions workspace;

    @Override
    public Integer call() {
      try (LocalWorkspace ws = open(workspace)) {
        List<Token> tokens = ws.metadata().listTokens();
        Printer out = new Printer(System.out, workspace.json());
        if (out.json()) {
          out.json(tokens.stream().map(t -> Map.of("id", t.id(), "name", t.name(), "created_at", t.createdAt())).toList());
        } else {
          out.table(List.of("ID", "NAME", "CREATED"), tokens.stream()
              .map(t -> List.of(t.id(), t.name(), Instant.ofEpochMilli(t.createdAt()).toString())).toList());
        }
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Revoke a token by id.",
      footer = {"", "Example:", "  mloop token delete 3"})
  static final class Delete implements Callable<Integer> {
    @Mixin WorkspaceOptions workspace;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      try (LocalWorkspace ws = open(workspace)) {
        ws.metadata().deleteToken(id);
        System.out.println("Token " + id + " deleted");
      }
      return 0;
    }
  }
}
