package org.mloop.core.rollout;

/**
 * Puts an endpoint back on its previous deployment (see {@link Rollouts#restore}): {@code target}
 * names it (null: the idle deployment serving the version {@code alias} named before its last move,
 * else the newest idle one older than the live one); {@code alias} of the served model follows it;
 * {@code smokeTestRequest} (null skips the smoke tests), {@code reason} and {@code who} as in
 * {@link RolloutRequest}.
 */
public record RestoreRequest(String endpoint, String alias, String target, String smokeTestRequest, String reason,
    String who) {

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().endpoint(endpoint).alias(alias).target(target).smokeTestRequest(smokeTestRequest)
        .reason(reason).who(who);
  }

  /** Fields as {@link RestoreRequest} names them. */
  public static final class Builder {
    private String endpoint;
    private String alias;
    private String target;
    private String smokeTestRequest;
    private String reason;
    private String who;

    private Builder() {}

    public Builder endpoint(String value) {
      endpoint = value;
      return this;
    }

    public Builder alias(String value) {
      alias = value;
      return this;
    }

    public Builder target(String value) {
      target = value;
      return this;
    }

    public Builder smokeTestRequest(String value) {
      smokeTestRequest = value;
      return this;
    }

    public Builder reason(String value) {
      reason = value;
      return this;
    }

    public Builder who(String value) {
      who = value;
      return this;
    }

    public RestoreRequest build() {
      return new RestoreRequest(endpoint, alias, target, smokeTestRequest, reason, who);
    }
  }
}
