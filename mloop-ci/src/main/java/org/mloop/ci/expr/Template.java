package org.mloop.ci.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code ${{ ... }}} in a text. An expression ends at the first {@code }}} outside a string
 * literal, so {@code ${{ format('{{0}}', 1) }}} is one expression.
 */
final class Template {
  private Template() {}

  /** A piece of the text: literal text, or an expression whose (trimmed) text starts at {@code start}. */
  record Part(boolean expression, String text, int start) {}

  static List<Part> split(String text) {
    List<Part> parts = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = text.indexOf("${{", from);
      if (open < 0) {
        if (from < text.length()) {
          parts.add(new Part(false, text.substring(from), from));
        }
        return parts;
      }
      if (open > from) {
        parts.add(new Part(false, text.substring(from, open), from));
      }
      int close = findClose(text, open);
      int start = open + 3;
      int end = close;
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      parts.add(new Part(true, text.substring(start, end), start));
      from = close + 2;
    }
  }

  private static int findClose(String text, int open) {
    int i = open + 3;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        int literal = i;
        i++;
        while (true) {
          if (i >= text.length()) {
            String expression = text.substring(open + 3).strip();
            throw new ExpressionException("Unterminated string literal starting at position "
                + (literal - open + 1) + " of " + text.substring(open).strip()
                + " (strings end with ' and a quote inside is written '')", expression, 0, literal);
          }
          if (text.charAt(i) == '\'') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          i++;
        }
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        return i;
      } else {
        i++;
      }
    }
    throw new ExpressionException("The expression opened at " + abbreviate(text.substring(open))
        + " is not closed with }}", text.substring(open + 3).strip(), 0, open);
  }

  private static String abbreviate(String s) {
    String line = s.strip().replace('\n', ' ');
    return "'" + (line.length() > 60 ? line.substring(0, 57) + "..." : line) + "'";
  }
}
