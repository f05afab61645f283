package org.mloop.serving.protocol;

import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.Predictions;

/** Placeholder until the codec lands: refuses every request with 415. */
public final class MlflowInvocationsCodec implements ScoringCodec {
  @Override
  public ScoringInput decode(ModelSignature signature, String contentType, byte[] body, ScoringLimits limits) {
    throw new ScoringException(415, "this request format is not supported yet; use POST /score");
  }

  @Override
  public byte[] encode(ScoringContext context, ScoringInput input, Predictions predictions) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public String responseContentType() {
    return "application/json";
  }
}
