package org.mloop.core.auth;

/**
 * Who a request comes from, as the access check sees it: the token's name (or "anonymous" on a
 * token-less loopback server, or "internal" for the jobs a server runs), its role and its scope.
 */
public record Caller(String name, Role role, Scope scope) {
  public Caller {
    scope = scope == null ? Scope.WORKSPACE : scope;
  }

  /** The machine's own user on a server that asks no token: every permission, as with the workspace directory. */
  public static Caller anonymous() {
    return new Caller("anonymous", Role.ADMIN, Scope.WORKSPACE);
  }

  /**
   * The token a server gives the jobs it runs: they log runs, metrics, params and artifacts (and may
   * read data and models), which is contributor work; never endpoints, protected aliases or keys.
   */
  public static Caller internal() {
    return new Caller("internal", Role.CONTRIBUTOR, Scope.WORKSPACE);
  }

  /** How errors name the caller: "token 'ci-dev' (role contributor, scope alias:staging)". */
  public String describe() {
    String who = name.equals("anonymous") ? "an anonymous caller" : name.equals("internal")
        ? "the server's internal job token" : "token '" + name + "'";
    return who + " (role " + role.wireName() + (scope.unrestricted() ? "" : ", scope " + scope) + ")";
  }
}
