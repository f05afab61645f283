package org.mloop.runtime.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mloop.core.MloopException;

/**
 * Which outputs of a classifier's ONNX graph mloop reads, and how. The shapes converters write for a
 * scikit-learn-style classifier are supported:
 * <ul>
 *   <li>probabilities: a float or double tensor {@code [N, classes]} (skl2onnx with zipmap off, or a
 *       hand-built graph), or a sequence of maps from class (int64 or string) to probability (skl2onnx's
 *       default ZipMap output);
 *   <li>label (optional): an int64, int32 or string tensor {@code [N]} or {@code [N, 1]}; without one
 *       the label is the class of highest probability.
 * </ul>
 * When several outputs fit, the one whose name has "prob" (resp. "label") is taken, else the first.
 */
final class OnnxOutputs {
  /** One batch's outputs: a label per row (null without a label output) and the probabilities, as a matrix or maps. */
  record Raw(String[] labels, double[][] matrix, List<Map<String, Double>> maps) {}

  private final String label;
  private final String probability;
  private final boolean maps;
  private final int width;

  private OnnxOutputs(String label, String probability, boolean maps, int width) {
    this.label = label;
    this.probability = probability;
    this.maps = maps;
    this.width = width;
  }

  static OnnxOutputs of(Map<String, NodeInfo> outputs, String where) {
    List<String> probabilities = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (NodeInfo node : outputs.values()) {
      ValueInfo info = node.getInfo();
      if (info instanceof TensorInfo t && floating(t.type) && t.getShape().length == 2) {
        probabilities.add(node.getName());
      } else if (info instanceof SequenceInfo s && s.isSequenceOfMaps() && floating(s.mapInfo.valueType)
          && (s.mapInfo.keyType == OnnxJavaType.INT64 || s.mapInfo.keyType == OnnxJavaType.STRING)) {
        probabilities.add(node.getName());
      } else if (info instanceof TensorInfo t && labelType(t.type)
          && (t.getShape().length == 1 || (t.getShape().length == 2 && t.getShape()[1] == 1))) {
        labels.add(node.getName());
      }
    }
    if (probabilities.isEmpty()) {
      StringBuilder found = new StringBuilder();
      outputs.values().forEach(n -> found.append(found.length() == 0 ? "" : "; ").append(n.getName()).append(": ")
          .append(n.getInfo()));
      throw MloopException.invalid(where + ": the ONNX graph has no class probabilities output (a float or double "
          + "tensor [N, classes], or a sequence of maps from class to probability); its outputs are " + found);
    }
    String probability = pick(probabilities, "prob");
    String label = labels.isEmpty() ? null : pick(labels, "label");
    ValueInfo info = outputs.get(probability).getInfo();
    boolean maps = info instanceof SequenceInfo;
    int width = maps ? -1 : (int) ((TensorInfo) info).getShape()[1];
    return new OnnxOutputs(label, probability, maps, width);
  }

  /** The outputs to ask the session for. */
  Set<String> names() {
    return label == null ? Set.of(probability) : Set.of(label, probability);
  }

  /** The number of classes when the graph says so (a tensor of fixed width), else -1. */
  int declaredWidth() {
    return width;
  }

  boolean probabilitiesAreMaps() {
    return maps;
  }

  Raw read(OrtSession.Result result) throws OrtException {
    String[] labels = label == null ? null : labels((OnnxTensor) result.get(label).orElseThrow());
    OnnxValue p = result.get(probability).orElseThrow();
    if (maps) {
      return new Raw(labels, null, maps((OnnxSequence) p));
    }
    return new Raw(labels, matrix((OnnxTensor) p), null);
  }

  private static double[][] matrix(OnnxTensor t) {
    long[] shape = t.getInfo().getShape();
    int n = (int) shape[0];
    int c = (int) shape[1];
    double[][] out = new double[n][c];
    if (t.getInfo().type == OnnxJavaType.DOUBLE) {
      DoubleBuffer b = t.getDoubleBuffer();
      for (double[] row : out) {
        b.get(row);
      }
    } else {
      FloatBuffer b = t.getFloatBuffer();
      for (double[] row : out) {
        for (int k = 0; k < c; k++) {
          row[k] = b.get();
        }
      }
    }
    return out;
  }

  private static List<Map<String, Double>> maps(OnnxSequence sequence) throws OrtException {
    List<? extends OnnxValue> items = sequence.getValue();
    List<Map<String, Double>> out = new ArrayList<>(items.size());
    for (OnnxValue item : items) {
      Map<? extends Object, ? extends Object> map = ((OnnxMap) item).getValue();
      Map<String, Double> row = new LinkedHashMap<>();
      map.forEach((k, v) -> row.put(String.valueOf(k), ((Number) v).doubleValue()));
      out.add(row);
    }
    return out;
  }

  private static String[] labels(OnnxTensor t) throws OrtException {
    int n = (int) t.getInfo().getShape()[0];
    String[] out = new String[n];
    switch (t.getInfo().type) {
      case INT64 -> {
        LongBuffer b = t.getLongBuffer();
        for (int i = 0; i < n; i++) {
          out[i] = Long.toString(b.get());
        }
      }
      case INT32 -> {
        IntBuffer b = t.getIntBuffer();
        for (int i = 0; i < n; i++) {
          out[i] = Integer.toString(b.get());
        }
      }
      default -> {
        Object v = t.getValue();
        for (int i = 0; i < n; i++) {
          out[i] = v instanceof String[][] column ? column[i][0] : ((String[]) v)[i];
        }
      }
    }
    return out;
  }

  private static String pick(List<String> names, String hint) {
    return names.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(hint)).findFirst().orElse(names.get(0));
  }

  private static boolean floating(OnnxJavaType type) {
    return type == OnnxJavaType.FLOAT || type == OnnxJavaType.DOUBLE;
  }

  private static boolean labelType(OnnxJavaType type) {
    return type == OnnxJavaType.INT64 || type == OnnxJavaType.INT32 || type == OnnxJavaType.STRING;
  }
}
