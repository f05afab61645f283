package org.mloop.core.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;

/**
 * A model's named, typed inputs and its outputs. In the MLmodel file each side is MLflow's
 * column-spec JSON held as a string, e.g.
 * {@code inputs: '[{"type": "long", "name": "Age", "required": true}]'}, which MLflow's own
 * clients read back; {@link #parse} and {@link #inputsJson()} convert between the two.
 */
public record ModelSignature(List<ColumnSpec> inputs, List<ColumnSpec> outputs) {
  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    checkNames(inputs);
  }

  public Optional<ColumnSpec> input(String name) {
    return inputs.stream().filter(c -> name.equals(c.name())).findFirst();
  }

  public List<String> inputNames() {
    return inputs.stream().map(ColumnSpec::name).toList();
  }

  public String inputsJson() {
    return toJson(inputs);
  }

  public String outputsJson() {
    return toJson(outputs);
  }

  /** Parses MLflow's column-spec JSON strings; errors say which side and column is wrong. */
  public static ModelSignature parse(String inputsJson, String outputsJson) {
    return new ModelSignature(parseSide("input", inputsJson, true), parseSide("output", outputsJson, false));
  }

  private static List<ColumnSpec> parseSide(String side, String json, boolean namesRequired) {
    if (json == null || json.isBlank()) {
      throw MloopException.invalid("signature has no " + side + "s; give a JSON list of column specs such as "
          + "[{\"type\": \"long\", \"name\": \"Age\", \"required\": true}]");
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw MloopException.invalid("signature " + side + "s are not valid JSON: " + e.getOriginalMessage());
    }
    if (!tree.isArray() || tree.isEmpty()) {
      throw MloopException.invalid("signature " + side + "s must be a non-empty JSON list of column specs, found: " + json);
    }
    List<ColumnSpec> columns = new ArrayList<>();
    int index = 0;
    for (JsonNode node : tree) {
      String where = "signature " + side + " #" + (index + 1);
      if (!node.isObject()) {
        throw MloopException.invalid(where + " is not a JSON object: " + node);
      }
      JsonNode nameNode = node.get("name");
      String name = nameNode == null || nameNode.isNull() ? null : nameNode.asText();
      if (name != null) {
        where = "signature " + side + " '" + name + "'";
      }
      JsonNode typeNode = node.get("type");
      if (typeNode != null && "tensor".equals(typeNode.asText())) {
        throw MloopException.invalid(where + " is a tensor spec; mloop supports column-based signatures only");
      }
      if (namesRequired && (name == null || name.isBlank())) {
        throw MloopException.invalid(where + " has no name; every input column needs one");
      }
      if (typeNode == null || !typeNode.isTextual()) {
        throw MloopException.invalid(where + " has no type; use one of " + ColumnType.allNames());
      }
      String column = where;
      ColumnType type = ColumnType.fromMlflowName(typeNode.asText()).orElseThrow(() -> MloopException.invalid(
          column + " has unknown type '" + typeNode.asText() + "'; use one of " + ColumnType.allNames()));
      JsonNode required = node.get("required");
      columns.add(new ColumnSpec(name, type, required == null || required.asBoolean(true)));
      index++;
    }
    return columns;
  }

  private static void checkNames(List<ColumnSpec> inputs) {
    Set<String> seen = new HashSet<>();
    for (ColumnSpec c : inputs) {
      if (c.name() == null || c.name().isBlank()) {
        throw MloopException.invalid("every signature input needs a name");
      }
      if (!seen.add(c.name())) {
        throw MloopException.invalid("signature input '" + c.name() + "' is listed twice");
      }
    }
  }

  private static String toJson(List<ColumnSpec> columns) {
    ArrayNode list = Json.mapper().createArrayNode();
    for (ColumnSpec c : columns) {
      ObjectNode o = list.addObject();
      o.put("type", c.type().mlflowName());
      if (c.name() != null) {
        o.put("name", c.name());
      }
      o.put("required", c.required());
    }
    return Json.write(list);
  }
}
