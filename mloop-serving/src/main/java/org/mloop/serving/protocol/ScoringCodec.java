package org.mloop.serving.protocol;

import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.Predictions;

/**
 * One wire format of scoring requests and responses. {@code decode} checks the body against the
 * model's signature and the limits, throwing {@link ScoringException} (400/413/415) naming the
 * column, field or limit; {@code encode} writes the predicted label and class probabilities of
 * every row. Implementations are stateless and thread-safe.
 */
public interface ScoringCodec {
  ScoringInput decode(ModelSignature signature, String contentType, byte[] body, ScoringLimits limits);

  byte[] encode(ScoringContext context, ScoringInput input, Predictions predictions);

  /** The Content-Type of {@link #encode}'s output. */
  String responseContentType();
}
