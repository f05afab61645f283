package org.mloop.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.Map;
import org.mloop.core.models.ColumnSpec;

/** Runs an ONNX Runtime session on rows in signature order: inputs fed as {@link OnnxInputs}, outputs read as {@link OnnxOutputs}. */
record OnnxScorer(OrtEnvironment env, OrtSession session, OnnxInputs inputs, OnnxOutputs outputs, List<ColumnSpec> columns) {
  OnnxOutputs.Raw run(double[][] rows) {
    if (rows.length == 0) {
      return new OnnxOutputs.Raw(new String[0], new double[0][], List.of());
    }
    Map<String, OnnxTensor> feeds = null;
    try {
      feeds = inputs.tensors(env, rows, columns);
      try (OrtSession.Result result = session.run(feeds, outputs.names())) {
        return outputs.read(result);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not score " + rows.length + " row(s): " + e.getMessage(), e);
    } finally {
      if (feeds != null) {
        feeds.values().forEach(OnnxTensor::close);
      }
    }
  }
}
