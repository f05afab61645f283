package org.mloop.core.rollout;

/**
 * A blue/green rollout of one model version to an endpoint (see {@link Rollouts#rollout}); build
 * it with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code endpoint}: created when missing, with {@code description};</li>
 *   <li>{@code model}: the version to roll out, "diabetes:7" (or "diabetes@staging", resolved once);</li>
 *   <li>{@code canaryPercent}: the new deployment's share before it takes all traffic; 0 goes straight to 100;</li>
 *   <li>{@code smokeTestRequest}: a scoring request body (Azure's /score JSON) every deployment must
 *       answer with 2xx at each step; null skips the smoke tests;</li>
 *   <li>{@code alias}: moved to the new version once it serves all traffic (null moves none);</li>
 *   <li>{@code deployment}: the new deployment's name (null: "m7-1" for version 7, or "m7-2"... the first free);</li>
 *   <li>{@code keepPrevious}: keep the previous live deployment at 0% for {@link Rollouts#restore}
 *       (older idle deployments are deleted either way);</li>
 *   <li>{@code collectPercent}: the new deployment's data collection (null: as the live deployment's);</li>
 *   <li>{@code reason} and {@code who}: recorded with the alias move.</li>
 * </ul>
 */
public record RolloutRequest(String endpoint, String model, int canaryPercent, String smokeTestRequest, String alias,
    String deployment, boolean keepPrevious, Double collectPercent, String description, String reason, String who) {

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().endpoint(endpoint).model(model).canaryPercent(canaryPercent)
        .smokeTestRequest(smokeTestRequest).alias(alias).deployment(deployment).keepPrevious(keepPrevious)
        .collectPercent(collectPercent).description(description).reason(reason).who(who);
  }

  /** Fields as {@link RolloutRequest} names them; {@code keepPrevious} is true unless set. */
  public static final class Builder {
    private String endpoint;
    private String model;
    private int canaryPercent;
    private String smokeTestRequest;
    private String alias;
    private String deployment;
    private boolean keepPrevious = true;
    private Double collectPercent;
    private String description;
    private String reason;
    private String who;

    private Builder() {}

    public Builder endpoint(String value) {
      endpoint = value;
      return this;
    }

    public Builder model(String value) {
      model = value;
      return this;
    }

    public Builder canaryPercent(int value) {
      canaryPercent = value;
      return this;
    }

    public Builder smokeTestRequest(String value) {
      smokeTestRequest = value;
      return this;
    }

    public Builder alias(String value) {
      alias = value;
      return this;
    }

    public Builder deployment(String value) {
      deployment = value;
      return this;
    }

    public Builder keepPrevious(boolean value) {
      keepPrevious = value;
      return this;
    }

    public Builder collectPercent(Double value) {
      collectPercent = value;
      return this;
    }

    public Builder description(String value) {
      description = value;
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

    public RolloutRequest build() {
      return new RolloutRequest(endpoint, model, canaryPercent, smokeTestRequest, alias, deployment, keepPrevious,
          collectPercent, description, reason, who);
    }
  }
}
