package org.mloop.core.json;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on (for a mapping entry: the line of its key), so parsers of
 * YAML files can say "FILE:LINE: FIELD: what is wrong". Exactly one shape: a mapping ({@code fields}
 * in file order), a list ({@code items}) or a scalar ({@code text}, null for YAML null). {@code token}
 * is what YAML made of the value (a number, a boolean, a string...), {@code text} its text
 * (booleans as "true"/"false"). {@code textLine} is where a scalar's text itself starts: the line after
 * the indicator for a block scalar ({@code run: |}), else the value's own line; it lets a caller find
 * a line inside a multi-line text.
 */
public record YamlNode(JsonToken token, String text, Map<String, YamlNode> fields, List<YamlNode> items, int line,
    int textLine) {

  public boolean isMap() {
    return fields != null;
  }

  public boolean isList() {
    return items != null;
  }

  public boolean isNull() {
    return token == JsonToken.VALUE_NULL;
  }

  /** A single value (including null): neither a mapping nor a list. */
  public boolean isScalar() {
    return fields == null && items == null;
  }

  /**
   * The line of the character at {@code index} of a scalar's text: exact for single-line values and
   * literal blocks ({@code |}); for folded or plain multi-line values, whose line breaks YAML folds, the
   * line of the text's last kept break before it.
   */
  public int lineOf(int index) {
    if (text == null || index <= 0) {
      return textLine;
    }
    int end = Math.min(index, text.length());
    int breaks = 0;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        breaks++;
      }
    }
    return textLine + breaks;
  }

  /** A field of a mapping; null when absent or when this is not a mapping. */
  public YamlNode get(String key) {
    return fields == null ? null : fields.get(key);
  }

  /** What people call this shape in messages: "mapping", "list" or "single value". */
  public String kind() {
    return isMap() ? "mapping" : isList() ? "list" : "single value";
  }

  /** The same value, located at another line (a mapping entry's key line). */
  public YamlNode atLine(int otherLine) {
    return new YamlNode(token, text, fields, items, otherLine, textLine);
  }
}
