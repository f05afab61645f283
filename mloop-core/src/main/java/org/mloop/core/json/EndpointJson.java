package org.mloop.core.json;

import com.fasterxml.jackson.databind.module.SimpleModule;
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
    module.addSerializer(AuthMode.class, TextForms.writer(AuthMode::wireName));
    module.addDeserializer(AuthMode.class, TextForms.reader(AuthMode::parse));
    module.addSerializer(KeyType.class, TextForms.writer(KeyType::wireName));
    module.addDeserializer(KeyType.class, TextForms.reader(KeyType::parse));
    return module;
  }
}
