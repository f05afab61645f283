package org.mloop.serving.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.mloop.runtime.Predictions;

/**
 * The response of the Azure and MLflow codecs:
 * <pre>{"predictions": [1, 0], "probabilities": [[0.2, 0.8], [0.9, 0.1]], "classes": [0, 1]}</pre>
 * {@code predictions} holds each row's label; {@code probabilities[i][k]} is row i's probability
 * of {@code classes[k]}. Labels and classes are numbers when the model's output column is numeric
 * (and the label reads as a number), otherwise text, so {@code classes.index(predictions[i])}
 * works in any client.
 */
final class PredictionsJson {
  private PredictionsJson() {}

  static int sizeHint(Predictions predictions) {
    return 64 + predictions.size() * (16 + 24 * predictions.classes().size());
  }

  static byte[] write(ScoringInput input, Predictions predictions) {
    return JsonIo.write(sizeHint(predictions), g -> {
      g.writeStartObject();
      g.writeFieldName("predictions");
      labels(g, predictions.labels(), input.numericLabels());
      g.writeFieldName("probabilities");
      probabilities(g, predictions.probabilities());
      g.writeFieldName("classes");
      labels(g, predictions.classes(), input.numericLabels());
      g.writeEndObject();
    });
  }

  static void labels(JsonGenerator g, List<String> labels, boolean numeric) throws IOException {
    g.writeStartArray();
    for (int i = 0, n = labels.size(); i < n; i++) {
      JsonIo.writeLabel(g, labels.get(i), numeric);
    }
    g.writeEndArray();
  }

  static void probabilities(JsonGenerator g, double[][] probabilities) throws IOException {
    g.writeStartArray();
    for (double[] row : probabilities) {
      g.writeArray(row, 0, row.length);
    }
    g.writeEndArray();
  }
}
