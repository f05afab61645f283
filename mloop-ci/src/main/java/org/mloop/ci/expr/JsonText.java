package org.mloop.ci.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.json.Json;

/**
 * JSON for {@code toJSON}, {@code fromJSON} and interpolated objects. Written by hand rather than by
 * Jackson's pretty printer because GitHub's layout differs ({@code "key": value}, two-space indent,
 * {@code []}/{@code {}} for empty containers) and numbers print as the language prints them ({@code 3}, not {@code 3.0}).
 */
final class JsonText {
  private JsonText() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(Values.normalize(value), out, 0);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, int depth) {
    switch (Values.kind(value)) {
      case NULL -> out.append("null");
      case BOOLEAN -> out.append(value);
      case NUMBER -> {
        double d = ((Number) value).doubleValue();
        // JSON has no NaN or Infinity; GitHub writes them as strings.
        out.append(Double.isNaN(d) || Double.isInfinite(d) ? quote(Values.formatNumber(d)) : Values.formatNumber(d));
      }
      case STRING -> out.append(quote(value.toString()));
      case ARRAY -> {
        List<?> list = (List<?>) value;
        if (list.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          newline(out, depth + 1);
          write(Values.normalize(list.get(i)), out, depth + 1);
          if (i < list.size() - 1) {
            out.append(',');
          }
        }
        newline(out, depth);
        out.append(']');
      }
      case OBJECT -> {
        Map<?, ?> map = (Map<?, ?>) value;
        if (map.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append('{');
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          newline(out, depth + 1);
          out.append(quote(String.valueOf(entry.getKey()))).append(": ");
          write(Values.normalize(entry.getValue()), out, depth + 1);
          if (++i < map.size()) {
            out.append(',');
          }
        }
        newline(out, depth);
        out.append('}');
      }
    }
  }

  private static void newline(StringBuilder out, int depth) {
    out.append('\n');
    out.append("  ".repeat(depth));
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Parses JSON into the language's values: numbers become doubles, objects keep their key order. */
  static Object read(String json) throws JsonProcessingException {
    return toValue(Json.mapper().readTree(json));
  }

  private static Object toValue(com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(toValue(item)));
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> map.put(field.getKey(), toValue(field.getValue())));
    return map;
  }
}
