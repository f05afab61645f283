package org.mloop.serving.protocol;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.END_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mloop.core.MessageText;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.ValueRules;

/**
 * The Open Inference Protocol V2 of KServe and Seldon, {@code POST /v2/models/NAME/infer} with a
 * JSON body. Either one tensor per column, named as the column, shape {@code [n]} or {@code [n, 1]}:
 * <pre>
 * {"id": "42", "inputs": [{"name": "Pregnancies", "shape": [2], "datatype": "INT64", "data": [0, 8]}, ...]}
 * </pre>
 * or a single tensor of shape {@code [n, width]} (any name) with each row's values in the
 * signature's input order, {@code data} flat in row-major order (nested lists are flattened).
 * Datatypes FP16/FP32/FP64 and (U)INT8-64; integer tensors hold whole numbers only. Tensor and
 * request {@code parameters} and requested {@code outputs} are ignored. Response:
 * <pre>
 * {"model_name": "diabetes", "model_version": "3", "id": "42", "outputs": [
 *   {"name": "label", "shape": [2], "datatype": "INT64", "data": [1, 0]},
 *   {"name": "probabilities", "shape": [2, 2], "datatype": "FP64", "parameters": {"classes": "0,1"},
 *    "data": [0.2, 0.8, 0.9, 0.1]}]}
 * </pre>
 * {@code label} is INT64 when the model's output column is numeric (and every label reads as a
 * whole number), else BYTES (text); {@code probabilities} row i column k is the probability of the
 * k-th class of {@code parameters.classes} (comma-separated: V2 parameters are scalars). {@code id}
 * is the request's, else the host's request id. Errors: {@code {"error": "..."}}.
 */
public final class OpenInferenceCodec implements ScoringCodec {
  private static final String EXAMPLE = "{\"inputs\": [{\"name\": \"Age\", \"shape\": [1], \"datatype\": \"INT64\","
      + " \"data\": [50]}, ...]}";

  @Override
  public ScoringInput decode(ModelSignature signature, String contentType, byte[] body, ScoringLimits limits) {
    JsonIo.checkJsonRequest(contentType, body, limits);
    InputLayout layout = InputLayout.of(signature);
    return JsonIo.parse(body, p -> request(p, layout, limits));
  }

  private static ScoringInput request(JsonParser p, InputLayout layout, ScoringLimits limits) throws IOException {
    JsonToken t = p.nextToken();
    if (t != START_OBJECT) {
      throw ScoringException.badRequest("the request body must be a JSON object such as " + EXAMPLE + ", found "
          + JsonIo.describe(p, t));
    }
    String id = null;
    List<Tensor> tensors = null;
    while ((t = p.nextToken()) == FIELD_NAME) {
      String name = p.currentName();
      t = p.nextToken();
      switch (name) {
        case "id" -> {
          if (t != VALUE_STRING && t != VALUE_NUMBER_INT) {
            throw ScoringException.badRequest("id must be a string, found " + JsonIo.describe(p, t));
          }
          id = p.getText();
        }
        case "inputs" -> {
          if (tensors != null) {
            throw ScoringException.badRequest("the request body has the field inputs twice");
          }
          tensors = tensors(p, t, layout, limits);
        }
        default -> p.skipChildren(); // parameters, outputs
      }
    }
    if (t != END_OBJECT) {
      throw ScoringException.badRequest("the request body is not a complete JSON object");
    }
    if (tensors == null || tensors.isEmpty()) {
      throw ScoringException.badRequest("the request body has no inputs; send " + EXAMPLE);
    }
    return layout.input(rows(tensors, layout, limits), id);
  }

  /** One input tensor as read: its values flat, checked later against its name, shape and column. */
  private record Tensor(int position, String name, long[] shape, String datatype, double[] data, int size) {
    String where() {
      return "inputs[" + position + "] '" + MessageText.abbreviate(name) + "'";
    }
  }

  private static List<Tensor> tensors(JsonParser p, JsonToken t, InputLayout layout, ScoringLimits limits)
      throws IOException {
    JsonIo.expectArray(p, t, "inputs", "of tensors");
    List<Tensor> tensors = new ArrayList<>(layout.width);
    // no tensor may carry more values than the largest request allowed
    long maxValues = (long) limits.maxRows() * layout.width;
    while ((t = p.nextToken()) != END_ARRAY) {
      int position = tensors.size();
      if (t != START_OBJECT) {
        throw ScoringException.badRequest("inputs[" + position + "] must be a tensor object such as "
            + "{\"name\": \"Age\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": [50]}, found " + JsonIo.describe(p, t));
      }
      String name = null;
      long[] shape = null;
      String datatype = null;
      double[] data = null;
      int size = 0;
      String badData = null;
      while ((t = p.nextToken()) == FIELD_NAME) {
        String field = p.currentName();
        t = p.nextToken();
        String where = "inputs[" + position + "]." + field;
        switch (field) {
          case "name" -> name = text(p, t, where);
          case "datatype" -> datatype = text(p, t, where);
          case "shape" -> shape = shape(p, t, where);
          case "data" -> {
            JsonIo.expectArray(p, t, where, "of numbers");
            Flat flat = new Flat();
            flatten(p, flat, 0, maxValues, limits);
            if (flat.problem != null) { // named once the tensor's name is known
              badData = "data[" + flat.problemIndex + "] must be a number, found " + flat.problem;
            }
            data = flat.data;
            size = flat.size;
          }
          default -> p.skipChildren(); // parameters
        }
      }
      if (name == null || shape == null || datatype == null || data == null) {
        String missing = name == null ? "name" : shape == null ? "shape" : datatype == null ? "datatype" : "data";
        throw ScoringException.badRequest("inputs[" + position + "] has no " + missing + "; a tensor needs name, shape,"
            + " datatype and data");
      }
      Tensor tensor = new Tensor(position, name, shape, datatype, data, size);
      if (badData != null) {
        throw ScoringException.badRequest(tensor.where() + " " + badData);
      }
      tensors.add(tensor);
    }
    return tensors;
  }

  private static String text(JsonParser p, JsonToken t, String where) throws IOException {
    if (t != VALUE_STRING) {
      throw ScoringException.badRequest(where + " must be text, found " + JsonIo.describe(p, t));
    }
    return p.getText();
  }

  private static long[] shape(JsonParser p, JsonToken t, String where) throws IOException {
    JsonIo.expectArray(p, t, where, "of dimensions such as [2, 8]");
    long[] dims = new long[2];
    int n = 0;
    while ((t = p.nextToken()) != END_ARRAY) {
      if (t != VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
        throw ScoringException.badRequest(where + " must hold non-negative whole numbers, found " + JsonIo.describe(p, t));
      }
      if (n == dims.length) {
        throw ScoringException.badRequest(where + " has more than 2 dimensions; use [n], [n, 1] or [n, columns]");
      }
      dims[n++] = p.getLongValue();
    }
    return Arrays.copyOf(dims, n);
  }

  /** A tensor's values as read, and the first value that is not a number. */
  private static final class Flat {
    double[] data = new double[16];
    int size;
    String problem;
    int problemIndex;
  }

  /** Reads numbers, nested lists flattened, into {@code flat}; the parser is inside a list. */
  private static void flatten(JsonParser p, Flat flat, int depth, long maxValues, ScoringLimits limits)
      throws IOException {
    if (depth > 2) {
      throw ScoringException.badRequest("inputs: tensor data is nested deeper than rows of values");
    }
    JsonToken t;
    while ((t = p.nextToken()) != END_ARRAY) {
      if (t == START_ARRAY) {
        flatten(p, flat, depth + 1, maxValues, limits);
        continue;
      }
      double value = Double.NaN;
      if (t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT) {
        value = JsonIo.number(p);
      } else if (flat.problem == null) {
        flat.problem = JsonIo.describe(p, t);
        flat.problemIndex = flat.size;
        p.skipChildren();
      } else {
        p.skipChildren();
      }
      if (flat.size == maxValues) {
        throw RowBuffer.tooMany(limits.maxRows());
      }
      if (flat.size == flat.data.length) {
        flat.data = Arrays.copyOf(flat.data, (int) Math.min(maxValues, flat.data.length * 2L));
      }
      flat.data[flat.size++] = value;
    }
  }

  private static double[][] rows(List<Tensor> tensors, InputLayout layout, ScoringLimits limits) {
    Tensor first = tensors.get(0);
    if (tensors.size() == 1 && first.shape.length == 2 && layout.indexOf(first.name) < 0) {
      return matrix(first, layout, limits);
    }
    double[][] byColumn = new double[layout.width][];
    int n = -1;
    Tensor sized = null;
    for (Tensor tensor : tensors) {
      int c = layout.indexOf(tensor.name);
      if (c < 0) {
        throw layout.unknownColumn("inputs[" + tensor.position + "]", MessageText.abbreviate(tensor.name));
      }
      if (byColumn[c] != null) {
        throw layout.duplicateColumn("inputs", tensor.name);
      }
      long[] s = tensor.shape;
      if (s.length == 0 || (s.length == 2 && s[1] != 1)) {
        throw ScoringException.badRequest(tensor.where() + " has shape " + Arrays.toString(s) + "; a column's tensor has"
            + " shape [n] or [n, 1] (or send one tensor of shape [n, " + layout.width + "] in the model's column order: "
            + layout.columnList() + ")");
      }
      int rows = checkShape(tensor, limits);
      if (n >= 0 && rows != n) {
        throw ScoringException.badRequest(tensor.where() + " has " + rows + " rows but " + sized.where() + " has " + n
            + "; every column needs one value per row");
      }
      n = rows;
      sized = tensor;
      checkValues(tensor, layout, 1, c);
      byColumn[c] = tensor.data;
    }
    for (int c = 0; c < layout.width; c++) {
      if (byColumn[c] == null && layout.columns[c].required()) {
        throw layout.missingColumns("inputs", k -> byColumn[k] != null);
      }
    }
    if (n == 0) {
      throw ScoringException.badRequest("inputs have no rows; send at least one value per column");
    }
    return JsonRows.transpose(byColumn, n, layout.width);
  }

  private static double[][] matrix(Tensor tensor, InputLayout layout, ScoringLimits limits) {
    if (tensor.shape[1] != layout.width) {
      throw ScoringException.badRequest(tensor.where() + " has shape " + Arrays.toString(tensor.shape) + "; the model"
          + " has " + layout.width + " columns (" + layout.columnList() + "), so send shape [n, " + layout.width
          + "], or one tensor per column named as the column");
    }
    int n = checkShape(tensor, limits);
    if (n == 0) {
      throw ScoringException.badRequest(tensor.where() + " has no rows; send at least one row");
    }
    checkValues(tensor, layout, layout.width, -1);
    double[][] rows = new double[n][];
    for (int r = 0; r < n; r++) {
      rows[r] = Arrays.copyOfRange(tensor.data, r * layout.width, (r + 1) * layout.width);
    }
    return rows;
  }

  /** The tensor's row count, after checking that its data fills its shape and fits the row limit. */
  private static int checkShape(Tensor tensor, ScoringLimits limits) {
    long rows = tensor.shape[0];
    long width = tensor.shape.length == 2 ? tensor.shape[1] : 1;
    if (width > Integer.MAX_VALUE) {
      throw ScoringException.badRequest(tensor.where() + " has shape " + Arrays.toString(tensor.shape)
          + "; its second dimension is far more than the model's columns");
    }
    if (rows > limits.maxRows()) {
      throw RowBuffer.tooMany(limits.maxRows());
    }
    if (rows * width != tensor.size) {
      throw ScoringException.badRequest(tensor.where() + " has shape " + Arrays.toString(tensor.shape) + ", which is "
          + rows * width + " values, but its data has " + tensor.size);
    }
    return (int) rows;
  }

  /** The datatype, and every value against its column: whole numbers in integer tensors and columns, finite. */
  private static void checkValues(Tensor tensor, InputLayout layout, int width, int column) {
    boolean integer = switch (tensor.datatype) {
      case "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64" -> true;
      case "FP16", "FP32", "FP64" -> false;
      default -> throw ScoringException.badRequest(tensor.where() + " has datatype '" + MessageText.abbreviate(tensor.datatype)
          + "'; send numbers as FP32, FP64, INT32 or INT64");
    };
    double[] data = tensor.data;
    for (int i = 0; i < tensor.size; i++) {
      double d = data[i];
      if (integer && d != Math.rint(d) && !Double.isNaN(d)) {
        throw ScoringException.badRequest(tensor.where() + " has datatype " + tensor.datatype + " but data[" + i
            + "] is " + d);
      }
      int c = column >= 0 ? column : i % width;
      String problem = ValueRules.problem(layout.type(c), d);
      if (problem != null) {
        throw ScoringException.badRequest(ValueRules.where(i / width, layout.names.get(c)) + " (" + tensor.where()
            + " data[" + i + "])" + problem);
      }
    }
  }

  @Override
  public byte[] encode(ScoringContext context, ScoringInput input, Predictions predictions) {
    int n = predictions.size();
    int k = predictions.classes().size();
    boolean numeric = input.numericLabels() && allWhole(predictions.labels());
    String id = input.requestId() != null ? input.requestId() : context.requestId();
    return JsonIo.write(PredictionsJson.sizeHint(predictions) + 256, g -> {
      g.writeStartObject();
      g.writeStringField("model_name", context.modelName());
      g.writeStringField("model_version", Integer.toString(context.modelVersion()));
      if (id != null) {
        g.writeStringField("id", id);
      }
      g.writeArrayFieldStart("outputs");

      g.writeStartObject();
      g.writeStringField("name", "label");
      g.writeFieldName("shape");
      g.writeArray(new long[] {n}, 0, 1);
      g.writeStringField("datatype", numeric ? "INT64" : "BYTES");
      g.writeFieldName("data");
      PredictionsJson.labels(g, predictions.labels(), numeric);
      g.writeEndObject();

      g.writeStartObject();
      g.writeStringField("name", "probabilities");
      g.writeFieldName("shape");
      g.writeArray(new long[] {n, k}, 0, 2);
      g.writeStringField("datatype", "FP64");
      g.writeObjectFieldStart("parameters");
      g.writeStringField("classes", String.join(",", predictions.classes()));
      g.writeEndObject();
      g.writeArrayFieldStart("data");
      for (double[] row : predictions.probabilities()) {
        for (double v : row) {
          g.writeNumber(v);
        }
      }
      g.writeEndArray();
      g.writeEndObject();

      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static boolean allWhole(List<String> labels) {
    for (int i = 0, n = labels.size(); i < n; i++) {
      String label = labels.get(i);
      if (!JsonIo.isNumber(label) || label.indexOf('.') >= 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String responseContentType() {
    return "application/json";
  }
}
