package org.mloop.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mloop.core.json.ApiJson;

/** Small pieces of /api/v1 answers and requests every stage's API uses. */
final class ApiBodies {
  private ApiBodies() {}

  /** {"field": [items...]}. */
  static ObjectNode list(String field, List<?> items) {
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.set(field, ApiJson.tree(items));
    return out;
  }

  static ObjectNode object(String field, String value) {
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.put(field, value);
    return out;
  }

  static ObjectNode empty() {
    return ApiJson.mapper().createObjectNode();
  }

  static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
