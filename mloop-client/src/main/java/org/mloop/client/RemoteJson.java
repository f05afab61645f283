package org.mloop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.json.ApiJson;

/** Reading mloop's /api/v1 answers into records, and writing optional request fields. */
final class RemoteJson {
  static final String API = "/api/v1";

  private RemoteJson() {}

  static <T> T read(JsonNode node, Class<T> type) {
    return ApiJson.read(node, type, type.getSimpleName());
  }

  static <T> List<T> readList(JsonNode array, Class<T> type) {
    List<T> out = new ArrayList<>();
    array.forEach(item -> out.add(read(item, type)));
    return out;
  }

  static ObjectNode object() {
    return ApiJson.mapper().createObjectNode();
  }

  static void putIfPresent(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
