package org.mloop.core.auth;

/**
 * What a change is made to, for the scope check: an alias of a model or an endpoint. Operations on
 * anything else (jobs, data, runs) name no resource and are judged by the role alone.
 */
public record Resource(Kind kind, String model, String name) {
  public enum Kind {
    ALIAS,
    ENDPOINT;

    public String wireName() {
      return this == ALIAS ? "alias" : "endpoint";
    }
  }

  public static Resource alias(String model, String alias) {
    return new Resource(Kind.ALIAS, model, alias);
  }

  public static Resource endpoint(String name) {
    return new Resource(Kind.ENDPOINT, null, name);
  }

  /** "alias diabetes@production" ("alias *@production" for every model's), "endpoint diabetes-prod". */
  public String describe() {
    return kind == Kind.ALIAS ? "alias " + (model == null ? "*" : model) + "@" + name : "endpoint '" + name + "'";
  }
}
