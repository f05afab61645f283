package org.mloop.serving.host;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.protocol.ScoringException;

/**
 * Whether a request may be scored: the endpoint is served here and the request carries one of its
 * keys (when it needs one). Over HTTP it is asked once, before the body is read (a caller without a
 * key cannot make the host buffer megabytes); once the body is in, {@link #recheck} looks again only
 * when the endpoint's table changed meanwhile (its keys may have been rotated).
 */
final class Admission {
  private final ServedTables tables;
  private final String onlyEndpoint;
  private final HostMetrics metrics;

  /**
   * A request let in, or refused: {@code table} is the endpoint's table that admitted it,
   * {@code refusal} the answer when it was not (then {@code table} is null).
   */
  record Admitted(String endpoint, RoutingTable table, String requestId, Protocol protocol, ScoringResult refusal) {
    boolean refused() {
      return refusal != null;
    }
  }

  Admission(ServedTables tables, String onlyEndpoint, HostMetrics metrics) {
    this.tables = tables;
    this.onlyEndpoint = onlyEndpoint;
    this.metrics = metrics;
  }

  /** Admits a request; {@code requestId} is the caller's (kept when reasonable) or null for a new one. */
  Admitted admit(String endpoint, Protocol protocol, String key, String requestId) {
    String id = requestId == null || requestId.isEmpty() || requestId.length() > 200 ? newRequestId() : requestId;
    return check(endpoint, tables.get(endpoint), protocol, key, id);
  }

  /** The admission that holds once the body is read: the same, unless the endpoint's table changed since. */
  Admitted recheck(Admitted admitted, String key) {
    RoutingTable now = tables.get(admitted.endpoint());
    if (admitted.refused() || now == admitted.table()) {
      return admitted;
    }
    return check(admitted.endpoint(), now, admitted.protocol(), key, admitted.requestId());
  }

  private Admitted check(String endpoint, RoutingTable table, Protocol protocol, String key, String id) {
    if (table == null) {
      ScoringException e = unknownEndpoint(endpoint);
      metrics.meters(HostMetrics.UNKNOWN_ENDPOINT, HostMetrics.NO_DEPLOYMENT).request(e.status(), -1);
      return refused(endpoint, protocol, id, e);
    }
    if (table.requiresKey() && !table.accepts(key)) {
      return refuse(endpoint, protocol, id, new ScoringException(401, key == null || key.isEmpty()
          ? "endpoint '" + endpoint + "' needs a key: send the header 'Authorization: Bearer <key>' with either key "
            + "of the endpoint (an endpoint's keys are read with its get-keys operation)"
          : "the key sent to endpoint '" + endpoint + "' is not one of its keys (the endpoint's get-keys"
            + " operation returns them)"));
    }
    return new Admitted(endpoint, table, id, protocol, null);
  }

  /** A refusal after admission (no deployment to route to): counted without a deployment, as admission's are. */
  ScoringResult refuse(Admitted admitted, ScoringException e) {
    return refuse(admitted.endpoint(), admitted.protocol(), admitted.requestId(), e).refusal();
  }

  private Admitted refuse(String endpoint, Protocol protocol, String id, ScoringException e) {
    metrics.meters(endpoint, HostMetrics.NO_DEPLOYMENT).request(e.status(), -1);
    return refused(endpoint, protocol, id, e);
  }

  private static Admitted refused(String endpoint, Protocol protocol, String id, ScoringException e) {
    return new Admitted(endpoint, null, id, protocol, ScoringResult.error(e.status(), e.getMessage(), null, id, protocol));
  }

  /** An unknown endpoint's answer names it alone: a caller without a key learns no other endpoint's name. */
  private ScoringException unknownEndpoint(String endpoint) {
    boolean another = onlyEndpoint != null && !onlyEndpoint.equals(endpoint);
    if (!another && !tables.refreshedOnce()) {
      return new ScoringException(503, "the scoring host is still reading its workspace; retry in a moment");
    }
    return new ScoringException(404, "no endpoint '" + endpoint + "' is served here");
  }

  /** A random (version 4) UUID, from the thread's generator: request ids need to be unique, not secret. */
  static String newRequestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(hi, lo).toString();
  }
}
