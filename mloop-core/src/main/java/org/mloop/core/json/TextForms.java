package org.mloop.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.function.Function;

/** Jackson (de)serializers for values that travel as one JSON string, such as enums by their wire names. */
final class TextForms {
  private TextForms() {}

  /** Writes a value as the string {@code text} gives. */
  static <T> JsonSerializer<T> writer(Function<T, String> text) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(text.apply(value));
      }
    };
  }

  /** Reads a value from its string by {@code parse}. */
  static <T> JsonDeserializer<T> reader(Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return parse.apply(p.getValueAsString());
      }
    };
  }
}
