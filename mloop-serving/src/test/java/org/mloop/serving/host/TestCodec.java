package org.mloop.serving.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.mloop.core.json.Json;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.Predictions;
import org.mloop.serving.protocol.ScoringCodec;
import org.mloop.serving.protocol.ScoringContext;
import org.mloop.serving.protocol.ScoringException;
import org.mloop.serving.protocol.ScoringInput;
import org.mloop.serving.protocol.ScoringLimits;

/**
 * A minimal wire format for the host's tests: {@code {"data": [[v1, ..., v8], ...]}} in signature
 * order, answered with {@code {"labels": [...], "probabilities": [[...], ...]}}. The answer does
 * not name the deployment, so bodies from different paths can be compared.
 */
final class TestCodec implements ScoringCodec {
  static final Codecs CODECS = new Codecs(new TestCodec(), new TestCodec(), new TestCodec());

  @Override
  public ScoringInput decode(ModelSignature signature, String contentType, byte[] body, ScoringLimits limits) {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw ScoringException.badRequest("body is not JSON");
    }
    JsonNode data = tree == null ? null : tree.get("data");
    if (data == null || !data.isArray()) {
      throw ScoringException.badRequest("field 'data' is missing: send {\"data\": [[...]]}");
    }
    if (data.size() > limits.maxRows()) {
      throw ScoringException.tooLarge(data.size() + " rows is over the limit of " + limits.maxRows());
    }
    int width = signature.inputs().size();
    double[][] rows = new double[data.size()][];
    for (int i = 0; i < rows.length; i++) {
      JsonNode row = data.get(i);
      if (!row.isArray() || row.size() != width) {
        throw ScoringException.badRequest("row " + i + " must have " + width + " values");
      }
      rows[i] = new double[width];
      for (int k = 0; k < width; k++) {
        if (!row.get(k).isNumber()) {
          throw ScoringException.badRequest("column '" + signature.inputs().get(k).name() + "' of row " + i
              + " is not a number");
        }
        rows[i][k] = row.get(k).asDouble();
      }
    }
    return new ScoringInput(signature.inputNames(), rows);
  }

  @Override
  public byte[] encode(ScoringContext context, ScoringInput input, Predictions predictions) {
    ObjectNode out = Json.mapper().createObjectNode();
    ArrayNode labels = out.putArray("labels");
    predictions.labels().forEach(labels::add);
    ArrayNode probabilities = out.putArray("probabilities");
    for (double[] row : predictions.probabilities()) {
      ArrayNode r = probabilities.addArray();
      for (double p : row) {
        r.add(p);
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String responseContentType() {
    return "application/json";
  }
}
