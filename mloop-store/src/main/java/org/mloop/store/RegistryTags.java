package org.mloop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;
import java.util.TreeMap;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;

/** The registry's free text: the limits on tags, descriptions and reasons, and tags' JSON column form. */
final class RegistryTags {
  private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};
  private static final int MAX_TAG_KEY = 250;
  private static final int MAX_TEXT = 5000;

  private RegistryTags() {}

  static String tagsJson(Map<String, String> tags) {
    Map<String, String> sorted = new TreeMap<>(tags == null ? Map.of() : tags);
    sorted.forEach(RegistryTags::checkTag);
    return Json.write(sorted);
  }

  static void checkTag(String key, String value) {
    if (key == null || key.isBlank() || key.length() > MAX_TAG_KEY) {
      throw MloopException.invalid("tag key '" + key + "' must be 1 to " + MAX_TAG_KEY + " characters");
    }
    if (value == null) {
      throw MloopException.invalid("tag '" + key + "' needs a value (use KEY=VALUE)");
    }
    checkText("tag '" + key + "'", value);
  }

  static void checkText(String what, String text) {
    if (text != null && text.length() > MAX_TEXT) {
      throw MloopException.invalid(what + " is " + text.length() + " characters; the limit is " + MAX_TEXT);
    }
  }

  static Map<String, String> tags(String json) {
    try {
      return Map.copyOf(Json.mapper().readValue(json, TAGS));
    } catch (JsonProcessingException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "unreadable tags of a registered model: " + json, e);
    }
  }
}
