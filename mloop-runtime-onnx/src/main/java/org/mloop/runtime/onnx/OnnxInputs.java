package org.mloop.runtime.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.ValueRules;

/**
 * How rows checked against the signature (values in signature order) feed an ONNX graph. Two
 * layouts, as MLflow's onnx flavor maps a DataFrame:
 * <ul>
 *   <li>one tensor input {@code [N, F]}, F the number of signature inputs, columns in signature order;
 *   <li>one input per signature column, named like it, {@code [N, 1]} or {@code [N]}.
 * </ul>
 * Element types float, double, int64 and int32; the integer types only for whole-number columns
 * (long, integer), which cannot carry a missing value.
 */
final class OnnxInputs {
  /** One graph input: its name, element type, shape, and the signature columns it carries. */
  private record Feed(String name, OnnxJavaType type, long[] shape, int[] columns) {}

  private final List<Feed> feeds;

  private OnnxInputs(List<Feed> feeds) {
    this.feeds = feeds;
  }

  /** The layout of {@code inputs} for {@code signature}, or a refusal naming what does not fit; {@code where} names the model. */
  static OnnxInputs of(Map<String, NodeInfo> inputs, ModelSignature signature, String where) {
    List<ColumnSpec> columns = signature.inputs();
    if (inputs.isEmpty()) {
      throw MloopException.invalid(where + ": the ONNX graph has no inputs; mloop feeds it the signature's columns");
    }
    boolean perColumn = inputs.size() > 1 || (columns.size() == 1 && inputs.containsKey(columns.get(0).name()));
    if (!perColumn) {
      NodeInfo only = inputs.values().iterator().next();
      TensorInfo info = tensor(only, where);
      long[] shape = info.getShape();
      if (shape.length != 2 || (shape[1] > 0 && shape[1] != columns.size())) {
        throw MloopException.invalid(where + ": the ONNX graph's input '" + only.getName() + "' has shape "
            + shapeText(shape) + "; mloop feeds one [N, " + columns.size() + "] tensor of the signature's "
            + columns.size() + " columns, or one input per column named like it");
      }
      int[] all = new int[columns.size()];
      for (int k = 0; k < all.length; k++) {
        all[k] = k;
        checkType(info.type, columns.get(k), only.getName(), where);
      }
      return new OnnxInputs(List.of(new Feed(only.getName(), info.type, new long[] {-1, columns.size()}, all)));
    }
    Map<String, Integer> position = new HashMap<>();
    for (int k = 0; k < columns.size(); k++) {
      position.put(columns.get(k).name(), k);
    }
    List<Feed> feeds = new ArrayList<>();
    for (NodeInfo node : inputs.values()) {
      Integer k = position.remove(node.getName());
      if (k == null) {
        throw MloopException.invalid(where + ": the ONNX graph has inputs " + inputs.keySet() + "; input '"
            + node.getName() + "' is no column of the signature (" + String.join(", ", signature.inputNames()) + ")");
      }
      TensorInfo info = tensor(node, where);
      long[] shape = info.getShape();
      boolean column = shape.length == 1 || (shape.length == 2 && (shape[1] == 1 || shape[1] < 0));
      if (!column) {
        throw MloopException.invalid(where + ": the ONNX graph's input '" + node.getName() + "' has shape "
            + shapeText(shape) + "; a column's input must be [N, 1] or [N]");
      }
      checkType(info.type, columns.get(k), node.getName(), where);
      feeds.add(new Feed(node.getName(), info.type, shape.length == 1 ? new long[] {-1} : new long[] {-1, 1}, new int[] {k}));
    }
    if (!position.isEmpty()) {
      throw MloopException.invalid(where + ": the ONNX graph has inputs " + inputs.keySet() + " but no input for "
          + "signature column(s) " + position.keySet());
    }
    return new OnnxInputs(List.copyOf(feeds));
  }

  /** The graph's inputs for {@code rows} (values in signature order); the caller closes them. */
  Map<String, OnnxTensor> tensors(OrtEnvironment env, double[][] rows, List<ColumnSpec> columns) throws OrtException {
    Map<String, OnnxTensor> out = new LinkedHashMap<>();
    try {
      for (Feed feed : feeds) {
        out.put(feed.name(), tensor(env, feed, rows, columns));
      }
      return out;
    } catch (OrtException | RuntimeException e) {
      out.values().forEach(OnnxTensor::close);
      throw e;
    }
  }

  private static OnnxTensor tensor(OrtEnvironment env, Feed feed, double[][] rows, List<ColumnSpec> columns)
      throws OrtException {
    int n = rows.length;
    int[] cols = feed.columns();
    long[] shape = feed.shape().clone();
    shape[0] = n;
    int size = n * cols.length;
    switch (feed.type()) {
      case DOUBLE -> {
        DoubleBuffer b = DoubleBuffer.allocate(size);
        for (double[] row : rows) {
          for (int k : cols) {
            b.put(row[k]);
          }
        }
        return OnnxTensor.createTensor(env, b.flip(), shape);
      }
      case FLOAT -> {
        FloatBuffer b = FloatBuffer.allocate(size);
        for (double[] row : rows) {
          for (int k : cols) {
            b.put((float) row[k]);
          }
        }
        return OnnxTensor.createTensor(env, b.flip(), shape);
      }
      case INT64 -> {
        LongBuffer b = LongBuffer.allocate(size);
        for (int r = 0; r < n; r++) {
          for (int k : cols) {
            b.put((long) whole(rows[r][k], r, columns.get(k)));
          }
        }
        return OnnxTensor.createTensor(env, b.flip(), shape);
      }
      case INT32 -> {
        IntBuffer b = IntBuffer.allocate(size);
        for (int r = 0; r < n; r++) {
          for (int k : cols) {
            double v = whole(rows[r][k], r, columns.get(k));
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
              throw MloopException.invalid(ValueRules.where(r, columns.get(k).name()) + ": " + ValueRules.format(v)
                  + " does not fit the model's 32-bit integer input");
            }
            b.put((int) v);
          }
        }
        return OnnxTensor.createTensor(env, b.flip(), shape);
      }
      default -> throw new IllegalStateException("unchecked input type " + feed.type());
    }
  }

  /** A whole-number input cannot carry a missing (optional, left out) value, which arrives as NaN. */
  private static double whole(double v, int row, ColumnSpec column) {
    if (Double.isNaN(v)) {
      throw MloopException.invalid(ValueRules.missing(ValueRules.where(row, column.name()))
          + " by this model: its ONNX graph takes whole numbers there, which cannot be missing");
    }
    return v;
  }

  private static TensorInfo tensor(NodeInfo node, String where) {
    if (!(node.getInfo() instanceof TensorInfo info)) {
      throw MloopException.invalid(where + ": the ONNX graph's input '" + node.getName() + "' is " + node.getInfo()
          + "; mloop feeds tensors only");
    }
    return info;
  }

  private static void checkType(OnnxJavaType type, ColumnSpec column, String input, String where) {
    boolean integral = column.type() == ColumnType.LONG || column.type() == ColumnType.INTEGER;
    boolean fits = switch (type) {
      case FLOAT, DOUBLE -> column.type().numeric();
      case INT64, INT32 -> integral;
      default -> false;
    };
    if (!fits) {
      throw MloopException.invalid(where + ": the ONNX graph's input '" + input + "' takes " + type.name().toLowerCase(java.util.Locale.ROOT)
          + " but signature column '" + column.name() + "' is " + column.type().mlflowName() + "; mloop feeds float, "
          + "double, and for whole-number columns int64 or int32");
    }
  }

  static String shapeText(long[] shape) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
    }
    return s.append(']').toString();
  }
}
