package org.mloop.ci.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * GitHub's value rules over plain Java values (null, Boolean, Double, String, List, Map): truthiness,
 * loose equality with coercion to numbers, case-insensitive string comparison, and the string forms.
 * Objects and arrays are never coerced to primitives: they equal only themselves.
 */
final class Values {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
  private static final Pattern OCTAL = Pattern.compile("0[oO][0-7]+");
  private static final Pattern BINARY = Pattern.compile("0[bB][01]+");

  enum Kind { NULL, BOOLEAN, NUMBER, STRING, ARRAY, OBJECT }

  private Values() {}

  static Kind kind(Object value) {
    if (value == null) {
      return Kind.NULL;
    } else if (value instanceof Boolean) {
      return Kind.BOOLEAN;
    } else if (value instanceof Number) {
      return Kind.NUMBER;
    } else if (value instanceof List<?>) {
      return Kind.ARRAY;
    } else if (value instanceof Map<?, ?>) {
      return Kind.OBJECT;
    }
    return Kind.STRING;
  }

  /** Context data may hold Integer, Long and the like; the language only knows doubles. */
  static Object normalize(Object value) {
    if (value instanceof Number n && !(value instanceof Double)) {
      return n.doubleValue();
    }
    if (value instanceof Character || value instanceof CharSequence && !(value instanceof String)) {
      return value.toString();
    }
    return value;
  }

  static boolean isPrimitive(Object value) {
    Kind kind = kind(value);
    return kind != Kind.ARRAY && kind != Kind.OBJECT;
  }

  static boolean truthy(Object value) {
    return switch (kind(value)) {
      case NULL -> false;
      case BOOLEAN -> (Boolean) value;
      case NUMBER -> {
        double d = ((Number) value).doubleValue();
        yield d != 0 && !Double.isNaN(d);
      }
      case STRING -> !value.toString().isEmpty();
      case ARRAY, OBJECT -> true;
    };
  }

  static double toNumber(Object value) {
    return switch (kind(value)) {
      case NULL -> 0;
      case BOOLEAN -> (Boolean) value ? 1 : 0;
      case NUMBER -> ((Number) value).doubleValue();
      case STRING -> parseNumber(value.toString());
      case ARRAY, OBJECT -> Double.NaN;
    };
  }

  /**
   * A string as a number, as GitHub converts it: surrounding whitespace is ignored, the empty string is 0,
   * JSON-style decimals with exponents, hexadecimal {@code 0x}, octal {@code 0o}, binary {@code 0b},
   * {@code Infinity}; anything else is NaN.
   */
  static double parseNumber(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return 0;
    }
    if (DECIMAL.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    if (HEX.matcher(s).matches()) {
      return new BigInteger(s.substring(2), 16).doubleValue();
    }
    if (OCTAL.matcher(s).matches()) {
      return new BigInteger(s.substring(2), 8).doubleValue();
    }
    if (BINARY.matcher(s).matches()) {
      return new BigInteger(s.substring(2), 2).doubleValue();
    }
    return switch (s) {
      case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }

  /** A number as GitHub prints it: at most 15 decimals, no trailing zeros, {@code 3.0} as {@code 3}, -0 as 0. */
  static String formatNumber(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return "0";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    BigDecimal rounded = new BigDecimal(d).setScale(15, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }

  /** The string a value coerces to in functions ({@code format}, {@code join}, {@code contains}...). */
  static String coerceString(Object value) {
    return switch (kind(value)) {
      case NULL -> "";
      case BOOLEAN -> value.toString();
      case NUMBER -> formatNumber(((Number) value).doubleValue());
      case STRING -> value.toString();
      case ARRAY -> "Array";
      case OBJECT -> "Object";
    };
  }

  /** The text a {@code ${{ }}} becomes in a string: like {@link #coerceString} but objects and arrays as JSON. */
  static String interpolated(Object value) {
    return isPrimitive(value) ? coerceString(value) : JsonText.write(value);
  }

  /** Uppercases for comparisons, ordinal and culture-independent, like GitHub's OrdinalIgnoreCase. */
  static String fold(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  static boolean looseEquals(Object left, Object right) {
    Object[] pair = coerce(left, right);
    Object l = pair[0];
    Object r = pair[1];
    if (kind(l) != kind(r)) {
      return false;
    }
    return switch (kind(l)) {
      case NULL -> true;
      case NUMBER -> {
        double a = ((Number) l).doubleValue();
        double b = ((Number) r).doubleValue();
        yield !Double.isNaN(a) && !Double.isNaN(b) && a == b;
      }
      case STRING -> fold(l.toString()).equals(fold(r.toString()));
      case BOOLEAN -> l.equals(r);
      case ARRAY, OBJECT -> l == r;
    };
  }

  /** Negative, zero or positive like a comparator; null when the two cannot be ordered (so every {@code <}/{@code >} is false). */
  static Integer order(Object left, Object right) {
    Object[] pair = coerce(left, right);
    Object l = pair[0];
    Object r = pair[1];
    if (kind(l) != kind(r)) {
      return null;
    }
    return switch (kind(l)) {
      case NUMBER -> {
        double a = ((Number) l).doubleValue();
        double b = ((Number) r).doubleValue();
        yield Double.isNaN(a) || Double.isNaN(b) ? null : Double.compare(a == 0 ? 0 : a, b == 0 ? 0 : b);
      }
      case STRING -> fold(l.toString()).compareTo(fold(r.toString()));
      case BOOLEAN -> Boolean.compare((Boolean) l, (Boolean) r);
      default -> null;
    };
  }

  /**
   * GitHub's coercion before comparing values of different kinds: number and string compare as numbers,
   * a boolean or null on either side becomes a number first; objects and arrays stay as they are.
   */
  private static Object[] coerce(Object left, Object right) {
    Kind l = kind(left);
    Kind r = kind(right);
    if (l == r) {
      return new Object[] {left, right};
    }
    if (l == Kind.NUMBER && r == Kind.STRING) {
      return new Object[] {left, toNumber(right)};
    }
    if (l == Kind.STRING && r == Kind.NUMBER) {
      return new Object[] {toNumber(left), right};
    }
    if (l == Kind.NULL || l == Kind.BOOLEAN) {
      return coerce(toNumber(left), right);
    }
    if (r == Kind.NULL || r == Kind.BOOLEAN) {
      return coerce(left, toNumber(right));
    }
    return new Object[] {left, right};
  }

  /** The property of an object, names compared case-insensitively; null when absent. */
  static Object property(Map<?, ?> object, String name) {
    if (object.containsKey(name)) {
      return normalize(object.get(name));
    }
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      if (entry.getKey() != null && entry.getKey().toString().equalsIgnoreCase(name)) {
        return normalize(entry.getValue());
      }
    }
    return null;
  }

  static List<Object> normalizedElements(List<?> list) {
    List<Object> result = new ArrayList<>(list.size());
    for (Object item : list) {
      result.add(normalize(item));
    }
    return result;
  }
}
