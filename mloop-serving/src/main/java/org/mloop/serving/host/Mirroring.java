package org.mloop.serving.host;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mloop.serving.protocol.ScoringCodec;
import org.mloop.serving.protocol.ScoringInput;
import org.mloop.serving.protocol.ScoringLimits;

/**
 * Mirror traffic: a share of an endpoint's requests scored again on its mirror deployment, on one
 * background thread, the answers discarded and only the outcome counted ("scored", "failed", or
 * "dropped" when the bounded queue of waiting copies is full).
 */
final class Mirroring implements AutoCloseable {
  private final ThreadPoolExecutor executor;
  private final ScoringLimits limits;

  Mirroring(int queue, ScoringLimits limits) {
    this.limits = limits;
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
        ScoringHost.daemon("mloop-host-mirror"), new ThreadPoolExecutor.AbortPolicy());
  }

  /** Copies the request to the table's mirror for its share of requests (never the deployment that answered). */
  void maybeMirror(RoutingTable table, LoadedDeployment answered, ScoringCodec codec, String contentType, byte[] body) {
    LoadedDeployment mirror = table.mirror;
    if (mirror != null && mirror != answered && ThreadLocalRandom.current().nextInt(100) < table.mirrorPercent) {
      mirror(mirror, codec, contentType, body);
    }
  }

  private void mirror(LoadedDeployment mirror, ScoringCodec codec, String contentType, byte[] body) {
    try {
      executor.execute(() -> {
        try {
          ScoringInput input = codec.decode(mirror.signature(), contentType, body, limits);
          mirror.predictor().predictRows(input.rows());
          mirror.meters().mirror("scored");
        } catch (RuntimeException e) {
          mirror.meters().mirror("failed");
        }
      });
    } catch (RejectedExecutionException e) {
      mirror.meters().mirror("dropped");
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
