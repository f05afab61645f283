package org.mloop.core.rollout;

/**
 * The port smoke tests score through: one request to an endpoint, as its clients send it, after the
 * scorer has read the endpoint's latest traffic and loaded its models (so a test right after a
 * change sees the change). The server's scoring host implements it, and a command on a workspace
 * directory brings one of its own.
 */
@FunctionalInterface
public interface ScoringProbe {

  /** The answer to one request. */
  record Answer(int status, String deployment, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Scores {@code body} (Azure's /score JSON) on {@code endpoint} with its key {@code key} (null when
   * it needs none); {@code deployment} addresses one deployment, null routes by the traffic split.
   */
  Answer score(String endpoint, String deployment, String key, byte[] body);
}
