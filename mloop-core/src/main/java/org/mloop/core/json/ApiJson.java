package org.mloop.core.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.mloop.core.MloopException;

/**
 * JSON of mloop's own HTTP API (/api/v1): the core records with snake_case names, like the MLflow
 * API beside it. Shared by the server and the remote workspace so both ends read what the other writes.
 */
public final class ApiJson {
  private static final ObjectMapper MAPPER = Json.mapper().copy()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      // Records only: helpers such as JobInput.isData() are not data.
      .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
      .registerModule(EndpointJson.module());

  private ApiJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
    }
  }

  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Reads a record from a JSON tree; a mismatch is INVALID_PARAMETER_VALUE naming {@code what}. */
  public static <T> T read(JsonNode node, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw MloopException.invalid("invalid " + what + ": " + detail);
    }
  }
}
