package org.mloop.serving.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.ModelSignature;

/**
 * A signature's inputs laid out for the decoders: names, types and required flags by position,
 * and a name-to-position map. Built once per signature (the last one is cached, which is the
 * common case of one model per host thread's stream of requests).
 */
final class InputLayout {
  private static volatile InputLayout last;

  final ModelSignature signature;
  final List<String> names;
  final ColumnSpec[] columns;
  /** Each column's name as UTF-8, compared in place with a body's. */
  final byte[][] nameBytes;
  final int width;
  /** Body position i is signature position i: the layout of rows sent without column names. */
  final int[] identity;
  /** The first output column is numeric, so labels are written as numbers. */
  final boolean numericLabels;
  private final Map<String, Integer> index = new HashMap<>();
  private final String columnList;

  private InputLayout(ModelSignature signature) {
    this.signature = signature;
    this.names = signature.inputNames();
    this.columns = signature.inputs().toArray(ColumnSpec[]::new);
    this.width = columns.length;
    this.nameBytes = new byte[width][];
    this.identity = new int[width];
    for (int i = 0; i < width; i++) {
      identity[i] = i;
      index.put(columns[i].name(), i);
      nameBytes[i] = columns[i].name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    this.numericLabels = !signature.outputs().isEmpty() && signature.outputs().get(0).type().numeric();
    this.columnList = String.join(", ", names);
  }

  static InputLayout of(ModelSignature signature) {
    InputLayout cached = last;
    if (cached != null && cached.signature == signature) {
      return cached;
    }
    InputLayout layout = new InputLayout(signature);
    for (ColumnSpec c : layout.columns) {
      if (!c.type().numeric()) {
        throw new ScoringException(400, "the model's input '" + c.name() + "' has type " + c.type().mlflowName()
            + "; this scoring host scores numeric columns only");
      }
    }
    last = layout;
    return layout;
  }

  /** The column's position in the signature, or -1. */
  int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  ColumnType type(int column) {
    return columns[column].type();
  }

  /** "Pregnancies, PlasmaGlucose, ..." for messages. */
  String columnList() {
    return columnList;
  }

  ScoringException unknownColumn(String where, String name) {
    return ScoringException.badRequest(where + " has unknown column '" + name + "'; the model's columns are " + columnList);
  }

  ScoringException duplicateColumn(String where, String name) {
    return ScoringException.badRequest(where + " has column '" + name + "' twice");
  }

  /** Names every required column {@code present} says is missing: "has no columns 'BMI', 'Age'". */
  ScoringException missingColumns(String where, java.util.function.IntPredicate present) {
    List<String> missing = new java.util.ArrayList<>();
    for (int c = 0; c < width; c++) {
      if (!present.test(c) && columns[c].required()) {
        missing.add("'" + columns[c].name() + "'");
      }
    }
    return ScoringException.badRequest(where + " has no column" + (missing.size() == 1 ? " " : "s ")
        + String.join(", ", missing) + "; the model needs " + columnList);
  }

  ScoringInput input(double[][] rows, String id) {
    return new ScoringInput(names, rows, numericLabels, id);
  }
}
