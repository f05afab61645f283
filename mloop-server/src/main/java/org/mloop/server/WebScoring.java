package org.mloop.server;

import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.serving.host.ScoringHost;
import org.mloop.serving.host.ScoringResult;
import org.mloop.serving.protocol.Protocol;

/**
 * The server's own scoring routes, for {@link WebPages}: one request scored by the scoring host that
 * serves /endpoints/NAME/... on this server, without HTTP but with the same key check, routing,
 * validation, metrics and data collection as a client's request.
 */
public final class WebScoring {
  private final ScoringHost host;

  WebScoring(ScoringHost host) {
    this.host = host;
  }

  /** False when this server scores no endpoint (it was started without a scoring host). */
  public boolean available() {
    return host != null;
  }

  /**
   * Has the scoring host re-read the endpoints and load their models now, so the next request sees a
   * change a page just made (as the APIs do after theirs); nothing when this server scores no endpoint.
   */
  public void endpointsChanged() {
    if (host != null) {
      host.refreshNow();
    }
  }

  /**
   * Scores {@code body} on {@code endpoint} in the format of {@code protocol} with the endpoint key
   * {@code key} (null when the endpoint asks none); {@code deployment} targets one deployment (null:
   * the traffic split decides).
   */
  public ScoringResult score(String endpoint, String deployment, Protocol protocol, String contentType, byte[] body,
      String key) {
    if (host == null) {
      throw new MloopException(ErrorCode.INVALID_STATE, "this server scores no endpoint: it was started without"
          + " a scoring host, so endpoint '" + endpoint + "' cannot be tested here");
    }
    return host.score(endpoint, deployment, protocol, contentType, body, key);
  }
}
