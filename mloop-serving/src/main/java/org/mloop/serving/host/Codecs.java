package org.mloop.serving.host;

import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.protocol.ScoringCodec;

/**
 * The codec a host uses for each protocol: Azure ML's /score, MLflow's /invocations, Open
 * Inference V2's /infer. {@link #standard()} is every protocol's own codec; tests may plug in others.
 */
public record Codecs(ScoringCodec azure, ScoringCodec mlflow, ScoringCodec openInference) {
  public Codecs {
    if (azure == null || mlflow == null || openInference == null) {
      throw new IllegalArgumentException("a scoring host needs a codec for each of /score, /invocations and /infer");
    }
  }

  public static Codecs standard() {
    return new Codecs(Protocol.AZURE_SCORE.codec(), Protocol.MLFLOW_INVOCATIONS.codec(),
        Protocol.OPEN_INFERENCE_V2.codec());
  }

  public ScoringCodec of(Protocol protocol) {
    return switch (protocol) {
      case AZURE_SCORE -> azure;
      case MLFLOW_INVOCATIONS -> mlflow;
      case OPEN_INFERENCE_V2 -> openInference;
    };
  }
}
