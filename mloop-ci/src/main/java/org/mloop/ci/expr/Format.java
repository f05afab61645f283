package org.mloop.ci.expr;

import java.util.List;

/** {@code format('{0} {1}', a, b)}: {@code {N}} is replaced by argument N, {@code {{} and {@code }}} are literal braces. */
final class Format {
  private Format() {}

  static String format(String pattern, List<Object> args, String expression) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '{') {
        if (at(pattern, i + 1) == '{') {
          out.append('{');
          i += 2;
          continue;
        }
        int close = pattern.indexOf('}', i);
        int digits = i + 1;
        while (digits < pattern.length() && Character.isDigit(pattern.charAt(digits))) {
          digits++;
        }
        if (close < 0 || digits == i + 1) {
          throw invalid(pattern, i, expression);
        }
        int index;
        try {
          index = Integer.parseInt(pattern.substring(i + 1, digits));
        } catch (NumberFormatException e) {
          throw invalid(pattern, i, expression);
        }
        if (index >= args.size()) {
          throw Errors.of("The format string '" + pattern + "' references {" + index + "} but only "
              + args.size() + " argument(s) follow it", expression);
        }
        out.append(Values.coerceString(args.get(index)));
        i = close + 1;
      } else if (c == '}') {
        if (at(pattern, i + 1) != '}') {
          throw invalid(pattern, i, expression);
        }
        out.append('}');
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private static ExpressionException invalid(String pattern, int index, String expression) {
    return Errors.of("The format string '" + pattern + "' is invalid at its character " + (index + 1)
        + " (use {N} for argument N, {{ and }} for literal braces)", expression);
  }
}
