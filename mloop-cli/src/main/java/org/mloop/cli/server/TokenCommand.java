package org.mloop.cli.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.app.LocalWorkspaces;
import org.mloop.app.Workspaces;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;
import org.mloop.core.monitoring.Durations;
import org.mloop.core.store.Token;
import org.mloop.core.store.TokenSpec;
import org.mloop.core.store.TokenStore;
import org.mloop.core.workspace.LocalWorkspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Bearer tokens for `mloop server`, each with a role, an optional scope and expiry. Managed on the
 * server's workspace directory (whoever can write it is the workspace's administrator); only hashes
 * are stored.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {"Create, list and delete the bearer tokens a workspace server accepts.",
        "Roles: reader (reads everything but endpoint keys), contributor (+ data, jobs, runs, model versions,"
            + " aliases other than the protected ones, monitor runs), deployer (+ endpoints, deployments, traffic,"
            + " get-keys, protected aliases such as production and staging), admin (+ deletes, key regeneration).",
        "A scope limits which aliases and endpoints a token may change: alias:NAME, alias:MODEL@NAME,"
            + " endpoint:NAME, comma-separated; without one, the whole workspace."},
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Delete.class},
    footer = {"", "Example:", "  export MLOOP_TOKEN=$(mloop token create --name ci --role contributor --output json"
        + " | jq -r .token)"})
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

  /** A new random token (shown once) stored by its sha256. */
  public static String create(TokenStore store, TokenSpec spec) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = "mloop_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    store.createToken(spec, ContentHash.ofString(token));
    return token;
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a token and print it once; clients send it as MLOOP_TOKEN.",
      footer = {"", "Examples:",
          "  mloop token create --name github-development --role contributor",
          "  mloop token create --name github-staging --role deployer --scope alias:staging,endpoint:diabetes-staging",
          "  mloop token create --name github-production --role deployer --scope alias:production,endpoint:diabetes-prod"
              + " --expires 90d",
          "  mloop token create --name dashboards --role reader"})
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--name", required = true, description = "What the token is for.")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "reader, contributor, deployer or admin.")
    String role;

    @Option(names = "--scope", paramLabel = "SCOPE",
        description = "The aliases and endpoints it may change: alias:NAME, alias:MODEL@NAME, endpoint:NAME,"
            + " comma-separated (default: the whole workspace).")
    String scope;

    @Option(names = "--expires", paramLabel = "DURATION",
        description = "Lifetime, e.g. 90d, 12h (default: never); the server refuses it afterwards.")
    String expires;

    @Override
    public Integer call() {
      Long expiresAt = null;
      if (expires != null) {
        Duration lifetime = Durations.parse(expires, "--expires");
        if (lifetime.isZero() || lifetime.isNegative()) {
          throw MloopException.invalid("--expires must be a positive duration such as 90d (got '" + expires + "')");
        }
        expiresAt = System.currentTimeMillis() + lifetime.toMillis();
      }
      TokenSpec tokenSpec = new TokenSpec(name, Role.parse(role), Scope.parse(scope), expiresAt);
      try (LocalWorkspace ws = open(workspace)) {
        String token = create(ws.metadata().tokens(), tokenSpec);
        Token record = ws.metadata().tokens().findTokenBySha256(ContentHash.ofString(token)).orElseThrow();
        Printer out = Printer.of(spec, workspace.json());
        if (out.json()) {
          Map<String, Object> json = view(record);
          json.put("token", token);
          out.json(json);
        } else {
          out.line(token);
          out.err().println("Token '" + name + "' (id " + record.id() + ", role " + record.role().wireName()
              + (record.scope().unrestricted() ? "" : ", scope " + record.scope())
              + (record.expiresAt() == null ? "" : ", expires " + Instant.ofEpochMilli(record.expiresAt()))
              + ") created. It is shown only now: store it as the MLOOP_TOKEN secret of your clients.");
        }
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List tokens: id, name, role, scope, expiry and last use (recorded at most once a minute);"
          + " never the tokens themselves.",
      footer = {"", "Example:", "  mloop token list"})
  static final class ListTokens implements Callable<Integer> {
    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (LocalWorkspace ws = open(workspace)) {
        List<Token> tokens = ws.metadata().tokens().listTokens();
        Printer out = Printer.of(spec, workspace.json());
        if (out.json()) {
          out.json(tokens.stream().map(TokenCommand::view).toList());
        } else {
          long now = System.currentTimeMillis();
          List<List<String>> rows = new ArrayList<>();
          for (Token t : tokens) {
            rows.add(List.of(t.id(), t.name(), t.role().wireName(), t.scope().unrestricted() ? "workspace"
                : t.scope().toString(), t.expiresAt() == null ? "never"
                : Instant.ofEpochMilli(t.expiresAt()) + (t.expired(now) ? " (expired)" : ""),
                t.lastUsedAt() == null ? "never" : Instant.ofEpochMilli(t.lastUsedAt()).toString(),
                Instant.ofEpochMilli(t.createdAt()).toString()));
          }
          out.table(List.of("ID", "NAME", "ROLE", "SCOPE", "EXPIRES", "LAST USED", "CREATED"), rows);
        }
      }
      return 0;
    }
  }

  /** A token as JSON: never the token, only what it may do and when it was used. */
  static Map<String, Object> view(Token t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", t.id());
    json.put("name", t.name());
    json.put("role", t.role().wireName());
    json.put("scope", t.scope().toString());
    json.put("expires_at", t.expiresAt());
    json.put("last_used_at", t.lastUsedAt());
    json.put("created_at", t.createdAt());
    return json;
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Revoke a token by id.",
      footer = {"", "Example:", "  mloop token delete 3f2a9c1d5e6b7a80"})
  static final class Delete implements Callable<Integer> {
    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      try (LocalWorkspace ws = open(workspace)) {
        ws.metadata().tokens().deleteToken(id);
        Printer.of(spec, workspace.json()).line("Token " + id + " deleted");
      }
      return 0;
    }
  }
}
