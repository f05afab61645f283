package org.mloop.cli.quickstart;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mloop.cli.server.TokenCommand;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;
import org.mloop.core.store.Token;
import org.mloop.core.store.TokenSpec;
import org.mloop.core.store.TokenStore;

/**
 * Least-privilege tokens for the quickstart's server, one per GitHub environment as docs/ci.md lists
 * them (each stored as that environment's MLOOP_TOKEN secret), and the quickstart's own admin token
 * (it registers the data, creates the monitor and posts labels, as a person would):
 *
 * <ul>
 *   <li>development: contributor (trains);
 *   <li>staging: deployer scoped to alias:staging and endpoint:diabetes-staging (trains, registers,
 *       deploys to staging, moves diabetes@staging, runs the gate);
 *   <li>production: deployer scoped to alias:production and endpoint:diabetes-prod (blue/green, moves
 *       diabetes@production, rolls back);
 *   <li>monitoring: contributor (runs the monitor).
 * </ul>
 *
 * Tokens of these names from an earlier quickstart are replaced; they expire after {@link #LIFETIME}.
 */
public record EnvironmentTokens(String operator, Map<String, String> environments) {
  public static final Duration LIFETIME = Duration.ofDays(30);
  static final String PREFIX = "quickstart-";
  public static final Map<String, TokenSpec> ENVIRONMENTS = specs();

  private static Map<String, TokenSpec> specs() {
    Map<String, TokenSpec> specs = new LinkedHashMap<>();
    specs.put("development", spec("development", Role.CONTRIBUTOR, ""));
    specs.put("staging", spec("staging", Role.DEPLOYER, "alias:staging,endpoint:" + QuickstartCommand.STAGING_ENDPOINT));
    specs.put("production", spec("production", Role.DEPLOYER, "alias:production,endpoint:" + PushLoop.PROD_ENDPOINT));
    specs.put("monitoring", spec("monitoring", Role.CONTRIBUTOR, ""));
    return Collections.unmodifiableMap(specs);
  }

  private static TokenSpec spec(String environment, Role role, String scope) {
    return new TokenSpec(PREFIX + environment, role, Scope.parse(scope), null);
  }

  /** Creates the tokens in {@code store} (the server's), replacing the quickstart's earlier ones. */
  public static EnvironmentTokens create(TokenStore store) {
    long expiresAt = System.currentTimeMillis() + LIFETIME.toMillis();
    Set<String> names = new HashSet<>();
    ENVIRONMENTS.values().forEach(s -> names.add(s.name()));
    names.add(PREFIX + "operator");
    for (Token old : store.listTokens()) {
      if (names.contains(old.name())) {
        store.deleteToken(old.id());
      }
    }
    String operator = TokenCommand.create(store, new TokenSpec(PREFIX + "operator", Role.ADMIN, Scope.WORKSPACE,
        expiresAt));
    Map<String, String> environments = new LinkedHashMap<>();
    ENVIRONMENTS.forEach((environment, spec) -> environments.put(environment, TokenCommand.create(store,
        new TokenSpec(spec.name(), spec.role(), spec.scope(), expiresAt))));
    return new EnvironmentTokens(operator, Collections.unmodifiableMap(environments));
  }

  /** "development: contributor; staging: deployer (alias:staging,endpoint:diabetes-staging); ...". */
  public static String describe() {
    StringBuilder out = new StringBuilder();
    ENVIRONMENTS.forEach((environment, spec) -> out.append(out.length() == 0 ? "" : "; ").append(environment)
        .append(": ").append(spec.role().wireName())
        .append(spec.scope().unrestricted() ? "" : " (" + spec.scope() + ")"));
    return out.toString();
  }

  @Override
  public String toString() {
    return "EnvironmentTokens[hidden]";
  }
}
