package org.mloop.serving.host;

import org.mloop.serving.protocol.ScoringCodec;

/** The wire formats a host speaks: Azure ML's /score, MLflow's /invocations, Open Inference V2's /infer. */
public record Codecs(ScoringCodec azure, ScoringCodec mlflow, ScoringCodec openInference) {
  public Codecs {
    if (azure == null || mlflow == null || openInference == null) {
      throw new IllegalArgumentException("a scoring host needs a codec for each of /score, /invocations and /infer");
    }
  }
}
