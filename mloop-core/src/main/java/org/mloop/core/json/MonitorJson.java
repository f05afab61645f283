package org.mloop.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import org.mloop.core.MloopException;
import org.mloop.core.monitoring.Durations;
import org.mloop.core.monitoring.Signal;

/**
 * How monitoring records travel as JSON (store and API alike): signals by their ids
 * ({@code "data_drift"}) and durations as people write them ({@code "24h"}, read also as ISO-8601
 * or a number of seconds). Registered on {@link Json}'s mapper, so {@link ApiJson} has it too.
 */
final class MonitorJson {
  private MonitorJson() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("mloop-monitoring");
    module.addSerializer(Signal.class, TextForms.writer(Signal::id));
    module.addDeserializer(Signal.class, new JsonDeserializer<>() {
      @Override
      public Signal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString("");
        try {
          return Signal.parse(text);
        } catch (MloopException e) {
          throw ctxt.weirdStringException(text, Signal.class, e.getMessage());
        }
      }
    });
    module.addSerializer(Duration.class, TextForms.writer(Durations::format));
    module.addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken().isNumeric()) {
          return Duration.ofMillis(Math.round(p.getDoubleValue() * 1000));
        }
        String text = p.getValueAsString();
        try {
          return Durations.parse(text, "duration");
        } catch (MloopException e) {
          throw ctxt.weirdStringException(text, Duration.class, e.getMessage());
        }
      }
    });
    return module;
  }
}
