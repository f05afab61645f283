package org.mloop.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;
import org.mloop.core.json.JsonLimits;

/**
 * The fields of one request, from a JSON body (POST) or the query string (GET), read the way
 * MLflow's server reads its protos: int64 values may be JSON numbers or numeric strings, doubles
 * may be "NaN"/"Infinity", enums may be names or proto numbers, and an empty string counts as
 * absent for required fields. String fields take JSON strings only, as MLflow's handlers check
 * (a number or an object where a name belongs is refused, never turned into text). Every problem is
 * an INVALID_PARAMETER_VALUE that names the field; a body over {@link JsonLimits} is one too.
 */
final class Fields {
  // Python's json module writes NaN and Infinity bare; MLflow clients send them that way.
  private static final ObjectReader READER = Json.mapper().reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

  private final JsonNode node;
  private final String prefix;

  private Fields(JsonNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  static Fields ofJson(String body) {
    if (body == null || body.isBlank()) {
      return new Fields(Json.mapper().createObjectNode(), "");
    }
    JsonNode parsed;
    try {
      parsed = READER.readTree(body);
    } catch (JsonProcessingException e) {
      throw MloopException.invalid("the request body " + JsonLimits.describe(e));
    }
    if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
      return new Fields(Json.mapper().createObjectNode(), "");
    }
    if (!parsed.isObject()) {
      throw MloopException.invalid("the request body must be a JSON object, not " + kind(parsed));
    }
    return new Fields(parsed, "");
  }

  /** Query parameters; a repeated name becomes a list (as order_by=a&order_by=b). */
  static Fields ofQuery(MultiMap params) {
    ObjectNode object = Json.mapper().createObjectNode();
    for (String name : params.names()) {
      List<String> values = params.getAll(name);
      if (values.size() == 1) {
        object.put(name, values.get(0));
      } else {
        ArrayNode array = object.putArray(name);
        values.forEach(array::add);
      }
    }
    return new Fields(object, "");
  }

  /** The whole body (or query) as JSON, for bodies that are one record. */
  JsonNode node() {
    return node;
  }

  JsonNode raw(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  boolean has(String name) {
    return raw(name) != null;
  }

  /** A string field, or null when absent; any other JSON type is refused (a query parameter is always text). */
  String string(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(name, value, "a string");
    }
    return value.asText();
  }

  /** A boolean field: JSON true or false, or the text "true" or "false" (a query parameter). */
  boolean booleanValue(String name, boolean defaultValue) {
    JsonNode value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      String text = value.asText().trim();
      if (text.isEmpty()) {
        return defaultValue;
      }
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
    }
    throw wrongType(name, value, "true or false");
  }

  /** The first present of {@code name} and its deprecated alias (MLflow's run_uuid for run_id). */
  String string(String name, String alias) {
    String value = string(name);
    return value == null || value.isEmpty() ? string(alias) : value;
  }

  String requiredString(String name) {
    String value = string(name);
    if (value == null || value.isEmpty()) {
      throw missing(name);
    }
    return value;
  }

  String requiredString(String name, String alias) {
    String value = string(name, alias);
    if (value == null || value.isEmpty()) {
      throw missing(name);
    }
    return value;
  }

  /** A string that must be present but may be empty (param and tag values). */
  String requiredValue(String name) {
    String value = string(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  Long optionalLong(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual()) {
      String text = value.asText().trim();
      if (text.isEmpty()) {
        return null;
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw wrongType(name, value, "an integer");
  }

  long longValue(String name, long defaultValue) {
    Long value = optionalLong(name);
    return value == null ? defaultValue : value;
  }

  long requiredLong(String name) {
    Long value = optionalLong(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  int intValue(String name, int defaultValue) {
    Long value = optionalLong(name);
    if (value == null) {
      return defaultValue;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw MloopException.invalid("Invalid value " + value + " for parameter '" + path(name) + "': out of range");
    }
    return value.intValue();
  }

  double requiredDouble(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      throw missing(name);
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      String text = value.asText().trim();
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException e) {
            // reported below
          }
      }
    }
    throw wrongType(name, value, "a number");
  }

  /** A list of strings; a single string counts as a list of one (as a query parameter given once). */
  List<String> strings(String name) {
    JsonNode value = raw(name);
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value.isTextual()) {
      out.add(value.asText());
      return out;
    }
    if (!value.isArray()) {
      throw wrongType(name, value, "a list of strings");
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (item == null || !item.isTextual()) {
        throw wrongType(name + "[" + i + "]", item, "a string");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** A list of objects, each read as Fields whose messages name it, as "metrics[3].value". */
  List<Fields> objects(String name) {
    JsonNode value = raw(name);
    List<Fields> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!value.isArray()) {
      throw wrongType(name, value, "a list of objects");
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = path(name) + "[" + i + "]";
      if (item == null || !item.isObject()) {
        throw MloopException.invalid("Invalid value for parameter '" + itemPath + "': expected an object, got "
            + kind(item));
      }
      out.add(new Fields(item, itemPath + "."));
    }
    return out;
  }

  /** MLflow's tag lists, [{"key": ..., "value": ...}], as an ordered map. */
  Map<String, String> keyValues(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Fields item : objects(name)) {
      out.put(item.requiredString("key"), item.requiredValue("value"));
    }
    return out;
  }

  /** An object of string values, as {"team": "ml"} in mloop's own API. */
  Map<String, String> stringMap(String name) {
    JsonNode value = raw(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!value.isObject()) {
      throw wrongType(name, value, "an object of strings");
    }
    value.fields().forEachRemaining(e -> {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw wrongType(name + "." + e.getKey(), e.getValue(), "a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    });
    return out;
  }

  /** An enum by name (case-insensitive) or by proto number, the constants being numbered from {@code firstProtoNumber}. */
  <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue, int firstProtoNumber) {
    JsonNode value = raw(name);
    if (value == null || value.asText().isEmpty()) {
      return defaultValue;
    }
    E[] constants = type.getEnumConstants();
    String text = value.asText().trim();
    for (E constant : constants) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    try {
      int index = Integer.parseInt(text) - firstProtoNumber;
      if (index >= 0 && index < constants.length) {
        return constants[index];
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    List<String> names = new ArrayList<>();
    for (E constant : constants) {
      names.add(constant.name());
    }
    throw MloopException.invalid("Invalid value '" + MessageText.abbreviate(text) + "' for parameter '" + path(name)
        + "': expected one of "
        + String.join(", ", names));
  }

  JsonNode json() {
    return node;
  }

  private String path(String name) {
    return prefix + name;
  }

  private MloopException missing(String name) {
    return MloopException.invalid("Missing value for required parameter '" + path(name)
        + "'. See the API docs for more information about request parameters.");
  }

  private MloopException wrongType(String name, JsonNode value, String expected) {
    String shown = value == null ? "null" : MessageText.abbreviate(value.toString());
    return MloopException.invalid("Invalid value " + shown + " for parameter '" + path(name) + "' supplied: expected "
        + expected + ", got " + kind(value));
  }

  private static String kind(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
