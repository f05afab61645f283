package org.mloop.serving.protocol;

/** The request formats a scoring host speaks, each with its codec and the path it is served on. */
public enum Protocol {
  /** Azure ML online endpoints: {@code POST /score}. */
  AZURE_SCORE("/score", new AzureScoreCodec()),
  /** MLflow's scoring server ({@code mlflow models serve}): {@code POST /invocations}. */
  MLFLOW_INVOCATIONS("/invocations", new MlflowInvocationsCodec()),
  /** KServe/Seldon Open Inference Protocol V2: {@code POST /v2/models/NAME/infer}. */
  OPEN_INFERENCE_V2("/v2/models/:name/infer", new OpenInferenceCodec());

  private final String path;
  private final ScoringCodec codec;

  Protocol(String path, ScoringCodec codec) {
    this.path = path;
    this.codec = codec;
  }

  /** The request path, Vert.x style ({@code :name} is the model name). */
  public String path() {
    return path;
  }

  public ScoringCodec codec() {
    return codec;
  }

  /** The JSON error body this protocol's clients expect. */
  public byte[] errorBody(ScoringException e) {
    return ScoringErrors.body(this, e);
  }
}
