package org.mloop.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;

/**
 * Rows to score, as named columns: the shape of MLflow's dataframe "split" JSON
 * ({@code {"columns": ["Age", ...], "data": [[50, ...], ...]}}). Values are Java numbers (or
 * whatever the caller has; the predictor checks them against the model's signature).
 */
public record Batch(List<String> columns, List<List<Object>> rows) {
  public Batch {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // null values allowed, and reported later
    }
    rows = Collections.unmodifiableList(copy);
  }

  public int size() {
    return rows.size();
  }

  /** One row per map (column name to value); the columns are the union of the maps' keys, in first-seen order. */
  public static Batch ofRecords(List<? extends Map<String, ?>> records) {
    Set<String> names = new LinkedHashSet<>();
    records.forEach(r -> names.addAll(r.keySet()));
    List<String> columns = List.copyOf(names);
    List<List<Object>> rows = new ArrayList<>();
    for (Map<String, ?> record : records) {
      List<Object> row = new ArrayList<>(columns.size());
      for (String c : columns) {
        row.add(record.get(c));
      }
      rows.add(row);
    }
    return new Batch(columns, rows);
  }

  /** Parses MLflow's dataframe_split JSON, e.g. an {@code input_example.json}. */
  public static Batch parseDataframeSplit(String json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw MloopException.invalid("input is not valid JSON: " + e.getOriginalMessage());
    }
    if (root != null && root.has("dataframe_split")) { // the scoring-request envelope
      root = root.get("dataframe_split");
    }
    if (root == null || !root.isObject() || !root.path("columns").isArray() || !root.path("data").isArray()) {
      throw MloopException.invalid("input must be dataframe_split JSON: {\"columns\": [names], \"data\": [[values], ...]}");
    }
    List<String> columns = new ArrayList<>();
    root.get("columns").forEach(c -> columns.add(c.asText()));
    List<List<Object>> rows = new ArrayList<>();
    int index = 0;
    for (JsonNode rowNode : root.get("data")) {
      index++;
      if (!rowNode.isArray()) {
        throw MloopException.invalid("input row " + index + " is not a JSON list of values: " + rowNode);
      }
      List<Object> row = new ArrayList<>();
      for (JsonNode v : rowNode) {
        row.add(v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText());
      }
      rows.add(row);
    }
    return new Batch(columns, rows);
  }

  /** The values of one column, in row order. */
  public List<Object> column(String name) {
    int k = indexOf(name);
    List<Object> values = new ArrayList<>(rows.size());
    rows.forEach(r -> values.add(r.get(k)));
    return values;
  }

  /** A batch of only these columns, in this order (to drop identifiers and the label before scoring). */
  public Batch select(List<String> names) {
    int[] index = names.stream().mapToInt(this::indexOf).toArray();
    List<List<Object>> selected = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      List<Object> r = new ArrayList<>(index.length);
      for (int k : index) {
        r.add(row.get(k));
      }
      selected.add(r);
    }
    return new Batch(names, selected);
  }

  private int indexOf(String name) {
    int k = columns.indexOf(name);
    if (k < 0) {
      throw MloopException.invalid("no column '" + name + "'; the data has " + columns);
    }
    return k;
  }

  /** This batch as dataframe_split JSON. */
  public String toDataframeSplitJson() {
    return Json.write(Map.of("columns", columns, "data", rows));
  }
}
