package org.mloop.serving.host;

import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.Deployment;
import org.mloop.runtime.Predictions;
import org.mloop.serving.collect.CollectedBatch;
import org.mloop.serving.collect.DataCollector;
import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.protocol.ScoringCodec;
import org.mloop.serving.protocol.ScoringContext;
import org.mloop.serving.protocol.ScoringException;
import org.mloop.serving.protocol.ScoringInput;
import org.mloop.serving.protocol.ScoringLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores an admitted request on the deployment it was routed to: decode, predict, encode, then the
 * deployment's metrics, data collection (for the sampled share) and mirror traffic. Plain Java,
 * cheap enough for an event loop. Errors come in the protocol's shape: a caller's mistake as 4xx
 * with its message, anything else as a 500 naming the request id (details in the log only).
 */
final class RequestScorer {
  private static final Logger LOG = LoggerFactory.getLogger(RequestScorer.class);

  private final Codecs codecs;
  private final ScoringLimits limits;
  private final DataCollector collector;
  private final Mirroring mirroring;

  RequestScorer(Codecs codecs, ScoringLimits limits, DataCollector collector, Mirroring mirroring) {
    this.codecs = codecs;
    this.limits = limits;
    this.collector = collector;
    this.mirroring = mirroring;
  }

  ScoringResult score(RoutingTable table, LoadedDeployment target, Protocol protocol, String contentType, byte[] body,
      String id) {
    ScoringCodec codec = codecs.of(protocol);
    long start = System.nanoTime();
    int status;
    ScoringResult result;
    Deployment d = target.deployment();
    String endpoint = table.endpoint.name();
    try {
      ScoringInput input = codec.decode(target.signature(), contentType, body, limits);
      Predictions predictions = target.predictor().predictRows(input.rows());
      byte[] out = codec.encode(new ScoringContext(endpoint, d.name(), d.modelName(), d.modelVersion(), id),
          input, predictions);
      result = new ScoringResult(200, codec.responseContentType(), out, d.name(), id);
      status = 200;
      if (collector != null && target.sampler().sample()) {
        collector.offer(new CollectedBatch(d.endpointName(), d.name(), d.modelName(), d.modelVersion(), id,
            System.currentTimeMillis(), input.columns(), input.rows(), predictions));
      }
      mirroring.maybeMirror(table, target, codec, contentType, body);
    } catch (ScoringException e) {
      status = e.status();
      result = ScoringResult.error(status, e.getMessage(), d.name(), id, protocol);
    } catch (MloopException e) {
      boolean caller = e.code() == ErrorCode.INVALID_PARAMETER_VALUE || e.code() == ErrorCode.BAD_REQUEST;
      status = caller ? 400 : 500;
      if (!caller) {
        LOG.error("request {} to endpoint '{}' deployment '{}' failed", id, endpoint, d.name(), e);
      }
      result = ScoringResult.error(status, caller ? e.getMessage() : internalMessage(id), d.name(), id, protocol);
    } catch (RuntimeException e) {
      status = 500;
      LOG.error("request {} to endpoint '{}' deployment '{}' failed", id, endpoint, d.name(), e);
      result = ScoringResult.error(status, internalMessage(id), d.name(), id, protocol);
    }
    target.meters().request(status, System.nanoTime() - start);
    return result;
  }

  private static String internalMessage(String id) {
    return "internal error while scoring request " + id + "; the host's log has the details";
  }
}
