package org.mloop.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one JSON (and YAML) configuration shared by the stores, the server, the client and the CLI;
 * both read within {@link JsonLimits}.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(JsonLimits.CONSTRAINTS).build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .addModule(MonitorJson.module())
          .build();

  private static final YAMLMapper YAML = new YAMLMapper(yamlFactory());

  private Json() {}

  /**
   * A YAML factory reading within {@link JsonLimits}. Made with the constructor, not the builder: the
   * builder leaves YAML's parser features at other defaults (an empty value would read as "", not null).
   */
  public static YAMLFactory yamlFactory() {
    YAMLFactory factory = new YAMLFactory();
    factory.setStreamReadConstraints(JsonLimits.CONSTRAINTS);
    return factory;
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static YAMLMapper yaml() {
    return YAML;
  }

  public static String write(Object value) {
    return write(MAPPER.writer(), value);
  }

  public static String writePretty(Object value) {
    return write(MAPPER.writerWithDefaultPrettyPrinter(), value);
  }

  /** The value's JSON by {@code writer}; a value that cannot be written is a bug, not bad input. */
  static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
