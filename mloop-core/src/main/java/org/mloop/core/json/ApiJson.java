package org.mloop.core.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.mloop.core.MloopException;

/**
 * JSON of mloop's own HTTP API (/api/v1): the core records with snake_case names, like the MLflow
 * API beside it. Shared by the server and the remote workspace so both ends read what the other writes.
 * A text field takes a JSON string only: a number, boolean, object or list there is refused naming
 * the field, never turned into text (as the MLflow API refuses them).
 */
public final class ApiJson {
  private static final ObjectMapper MAPPER = Json.mapper().copy()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      // Records only: helpers such as JobInput.isData() are not data.
      .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
      .registerModule(EndpointJson.module());

  static {
    MAPPER.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  private ApiJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    return Json.write(MAPPER.writer(), value);
  }

  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Reads a record from a JSON tree; a mismatch is INVALID_PARAMETER_VALUE naming {@code what}. */
  public static <T> T read(JsonNode node, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (MismatchedInputException e) {
      String field = path(e);
      String expected = expected(e.getTargetType());
      if (field.isEmpty() || expected == null) {
        throw MloopException.invalid("invalid " + what + ": " + e.getOriginalMessage());
      }
      throw MloopException.invalid("invalid " + what + ": field '" + field + "' must be " + expected);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw MloopException.invalid("invalid " + what + ": " + detail);
    }
  }

  /** The field a mismatch is in, as "inputs.data" or "tags[2]"; "" for the whole document. */
  private static String path(MismatchedInputException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return null;
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return null;
  }
}
