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

  private static final byte[] PREDICTIONS = ascii("{\"predictions\":[");
  private static final byte[] PROBABILITIES = ascii("],\"probabilities\":[");
  private static final byte[] CLASSES = ascii("],\"classes\":[");

  /** Written byte by byte (as Jackson writes it: {@code ResponseShapesTest}); a generator costs more than the writing here. */
  static byte[] write(ScoringInput input, Predictions predictions) {
    JsonBytes out = new JsonBytes(sizeHint(predictions));
    boolean numeric = input.numericLabels();
    out.append(PREDICTIONS);
    labels(out, predictions.labels(), numeric);
    out.append(PROBABILITIES);
    double[][] probabilities = predictions.probabilities();
    for (int r = 0; r < probabilities.length; r++) {
      if (r > 0) {
        out.append((byte) ',');
      }
      out.append((byte) '[');
      double[] row = probabilities[r];
      for (int k = 0; k < row.length; k++) {
        if (k > 0) {
          out.append((byte) ',');
        }
        double p = row[k];
        if (Double.isFinite(p)) {
          out.appendDouble(p);
        } else {
          out.appendString(Double.toString(p)); // as Jackson: "NaN", "Infinity" as strings
        }
      }
      out.append((byte) ']');
    }
    out.append(CLASSES);
    labels(out, predictions.classes(), numeric);
    return out.append((byte) ']').append((byte) '}').toByteArray();
  }

  private static void labels(JsonBytes out, List<String> labels, boolean numeric) {
    for (int i = 0, n = labels.size(); i < n; i++) {
      if (i > 0) {
        out.append((byte) ',');
      }
      String label = labels.get(i);
      if (numeric && JsonIo.isNumber(label)) {
        out.appendAscii(label);
      } else {
        out.appendString(label);
      }
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
