package org.mloop.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.KeyType;

/**
 * How endpoint records travel in mloop's /api/v1: the records ({@code Endpoint}, {@code Deployment},
 * {@code DeploymentEvent}, {@code DataCollection}) with {@link ApiJson}'s snake_case names, and their
 * enums by their wire names, as Azure writes them ({@code "auth_mode": "key"}, {@code "key_type": "primary"}).
 * Deployment names inside {@code traffic} and {@code mirror_traffic} are map keys and stay as written.
 */
public final class EndpointJson {
  private EndpointJson() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("mloop-endpoints");
    module.addSerializer(AuthMode.class, new JsonSerializer<>() {
      @Override
      public void serialize(AuthMode value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.wireName());
      }
    });
    module.addDeserializer(AuthMode.class, new JsonDeserializer<>() {
      @Override
      public AuthMode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return AuthMode.parse(p.getValueAsString());
      }
    });
    module.addSerializer(KeyType.class, new JsonSerializer<>() {
      @Override
      public void serialize(KeyType value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.wireName());
      }
    });
    module.addDeserializer(KeyType.class, new JsonDeserializer<>() {
      @Override
      public KeyType deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return KeyType.parse(p.getValueAsString());
      }
    });
    return module;
  }
}
