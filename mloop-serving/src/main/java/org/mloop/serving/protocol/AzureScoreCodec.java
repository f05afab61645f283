package org.mloop.serving.protocol;

import static com.fasterxml.jackson.core.JsonToken.END_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;

import com.fasterxml.jackson.core.JsonToken;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.Predictions;

/**
 * Azure ML's online-endpoint format, {@code POST /score} with {@code Content-Type: application/json}
 * (a missing Content-Type is read as JSON too). Requests:
 * <pre>
 * {"input_data": {"columns": ["Pregnancies", ...], "index": [0, 1], "data": [[0, 171, ...], [8, 92, ...]]}}
 * {"input_data": [[0, 171, ...], [8, 92, ...]]}          values in the signature's input order
 * </pre>
 * Columns may come in any order and optional ones may be left out; {@code index} is ignored;
 * other top-level fields are ignored. Response (see {@link PredictionsJson}):
 * <pre>{"predictions": [1, 0], "probabilities": [[0.2, 0.8], [0.9, 0.1]], "classes": [0, 1]}</pre>
 * Errors ({@link ScoringErrors}): {@code {"error": "input row 2, column 'Age' ...", "status": 400}}.
 */
public final class AzureScoreCodec implements ScoringCodec {
  static final String FIELD = "input_data";
  private static final String[] FIELDS = {FIELD};

  @Override
  public ScoringInput decode(ModelSignature signature, String contentType, byte[] body, ScoringLimits limits) {
    JsonIo.checkJsonRequest(contentType, body, limits);
    InputLayout layout = InputLayout.of(signature);
    double[][] rows = FastRows.read(body, layout, limits, FIELDS, FIELDS);
    return layout.input(rows != null ? rows : readFully(body, layout, limits), null);
  }

  /** The streaming reader for every body, whatever FastRows leaves to it. */
  static double[][] readFully(byte[] body, InputLayout layout, ScoringLimits limits) {
    return JsonIo.parse(body, p -> {
      JsonToken t = p.nextToken();
      if (t != START_OBJECT) {
        throw ScoringException.badRequest("the request body must be a JSON object with the field input_data, found "
            + JsonIo.describe(p, t));
      }
      double[][] found = null;
      while ((t = p.nextToken()) == FIELD_NAME) {
        String name = p.currentName();
        t = p.nextToken();
        if (!FIELD.equals(name)) {
          p.skipChildren();
        } else if (found != null) {
          throw ScoringException.badRequest("the request body has the field input_data twice");
        } else if (t == START_OBJECT) {
          found = JsonRows.split(p, layout, limits, FIELD);
        } else if (t == START_ARRAY) {
          found = JsonRows.rows(p, t, layout, layout.identity, limits, FIELD);
        } else {
          throw ScoringException.badRequest("input_data must be {\"columns\": [...], \"data\": [[...]]} or a list of"
              + " rows, found " + JsonIo.describe(p, t));
        }
      }
      if (t != END_OBJECT) {
        throw ScoringException.badRequest("the request body is not a complete JSON object");
      }
      if (found == null) {
        throw ScoringException.badRequest("the request body has no field input_data; send {\"input_data\": "
            + "{\"columns\": [...], \"data\": [[...]]}}");
      }
      return found;
    });
  }

  @Override
  public byte[] encode(ScoringContext context, ScoringInput input, Predictions predictions) {
    return PredictionsJson.write(input, predictions);
  }

  @Override
  public String responseContentType() {
    return "application/json";
  }
}
