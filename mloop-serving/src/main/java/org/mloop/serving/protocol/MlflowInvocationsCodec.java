package org.mloop.serving.protocol;

import static com.fasterxml.jackson.core.JsonToken.END_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.mloop.core.MessageText;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.Predictions;

/**
 * MLflow 2.x's scoring server format ({@code mlflow models serve}), {@code POST /invocations}.
 * {@code application/json} bodies hold exactly one of:
 * <pre>
 * {"dataframe_split": {"columns": ["Pregnancies", ...], "index": [...], "data": [[0, 171, ...]]}}
 * {"dataframe_records": [{"Pregnancies": 0, "PlasmaGlucose": 171, ...}]}
 * {"instances": [{"Pregnancies": 0, ...}]}  or  {"instances": [[0, 171, ...]]}   (rows in signature order)
 * {"inputs": {"Pregnancies": [0, 8], ...}}  or  {"inputs": [[0, 171, ...]]}     (columns, or as instances)
 * </pre>
 * plus an optional {@code params} object, which is ignored. {@code text/csv} bodies have a header
 * row. Response: MLflow's {@code {"predictions": [1, 0]}} — what a scikit-learn classifier's
 * {@code predict} gives — with the class probabilities beside it, as {@code predict_proba} would
 * give them, and their column order:
 * <pre>{"predictions": [1, 0], "probabilities": [[0.2, 0.8], [0.9, 0.1]], "classes": [0, 1]}</pre>
 * Clients that read only {@code predictions} (MLflow's own deployment client) keep working.
 * Errors: {@code {"error_code": "BAD_REQUEST", "message": "..."}} as MLflow's server writes them.
 */
public final class MlflowInvocationsCodec implements ScoringCodec {
  static final String FORMATS = "dataframe_split, dataframe_records, instances or inputs";
  private static final String[] SPLIT = {"dataframe_split"};
  private static final String[] LISTS = {"instances", "inputs"};

  @Override
  public ScoringInput decode(ModelSignature signature, String contentType, byte[] body, ScoringLimits limits) {
    boolean csv = JsonIo.isCsv(contentType);
    if (!csv && !JsonIo.isJson(contentType)) {
      throw JsonIo.unsupported(contentType, "application/json or text/csv");
    }
    JsonIo.checkSize(body, limits);
    InputLayout layout = InputLayout.of(signature);
    double[][] rows = csv ? CsvRows.read(body, layout, limits) : FastRows.read(body, layout, limits, SPLIT, LISTS);
    if (rows == null) {
      rows = readFully(body, layout, limits);
    }
    return layout.input(rows, null);
  }

  /** The streaming reader for every JSON body, whatever FastRows leaves to it. */
  static double[][] readFully(byte[] body, InputLayout layout, ScoringLimits limits) {
    return JsonIo.parse(body, p -> json(p, layout, limits));
  }

  private static double[][] json(JsonParser p, InputLayout layout, ScoringLimits limits) throws IOException {
    JsonToken t = p.nextToken();
    if (t != START_OBJECT) {
      throw ScoringException.badRequest("the request body must be a JSON object with one of the fields " + FORMATS
          + ", found " + JsonIo.describe(p, t));
    }
    double[][] rows = null;
    String format = null;
    while ((t = p.nextToken()) == FIELD_NAME) {
      String name = p.currentName();
      t = p.nextToken();
      boolean known = switch (name) {
        case "dataframe_split", "dataframe_records", "instances", "inputs" -> true;
        default -> false;
      };
      if (!known) {
        if (!name.equals("params")) {
          throw ScoringException.badRequest("the request body has the field '" + MessageText.abbreviate(name)
              + "'; it takes exactly one of " + FORMATS + " (and optionally params)");
        }
        p.skipChildren();
        continue;
      }
      if (format != null) {
        throw ScoringException.badRequest("the request body has both " + format + " and " + name
            + "; send exactly one of " + FORMATS);
      }
      format = name;
      rows = switch (name) {
        case "dataframe_split" -> {
          if (t != START_OBJECT) {
            throw ScoringException.badRequest("dataframe_split must be {\"columns\": [...], \"data\": [[...]]}, found "
                + JsonIo.describe(p, t));
          }
          yield JsonRows.split(p, layout, limits, name);
        }
        case "dataframe_records" -> JsonRows.records(p, t, layout, limits, name);
        case "inputs" -> t == START_OBJECT ? JsonRows.columnar(p, t, layout, limits, name) : instances(p, t, layout, limits, name);
        default -> instances(p, t, layout, limits, name);
      };
    }
    if (t != END_OBJECT) {
      throw ScoringException.badRequest("the request body is not a complete JSON object");
    }
    if (rows == null) {
      throw ScoringException.badRequest("the request body has none of the fields " + FORMATS
          + "; send for example {\"dataframe_split\": {\"columns\": [...], \"data\": [[...]]}}");
    }
    return rows;
  }

  /** A list of records or of rows; which one is decided by the first element. */
  private static double[][] instances(JsonParser p, JsonToken t, InputLayout layout, ScoringLimits limits,
      String field) throws IOException {
    JsonIo.expectArray(p, t, field, "of records or rows");
    JsonToken first = p.nextToken();
    return first == START_OBJECT
        ? JsonRows.recordsFrom(p, first, layout, limits, field)
        : JsonRows.rowsFrom(p, first, layout, layout.identity, limits, field);
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
