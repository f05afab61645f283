package org.mloop.serving.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.mloop.core.MessageText;
import org.mloop.core.json.JsonLimits;
import org.mloop.core.models.ColumnType;
import org.mloop.runtime.ValueRules;

/**
 * Streaming JSON for the codecs: one factory that accepts the NaN/Infinity tokens (so they can be
 * refused by name, like any other bad value, rather than as a parse failure), parse failures turned
 * into 400s naming line and column, and numbers read straight into doubles.
 */
final class JsonIo {
  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // messages name line/column, never echo the body
      .streamReadConstraints(JsonLimits.CONSTRAINTS)
      .build();

  private JsonIo() {}

  /** What a reader does with a parser; IOExceptions become 400s. */
  interface Reader<T> {
    T read(JsonParser p) throws IOException;
  }

  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  /** A JSON request (415 otherwise) within the size limit. */
  static void checkJsonRequest(String contentType, byte[] body, ScoringLimits limits) {
    if (!isJson(contentType)) {
      throw unsupported(contentType, "application/json");
    }
    checkSize(body, limits);
  }

  static void checkSize(byte[] body, ScoringLimits limits) {
    if (body.length > limits.maxBodyBytes()) {
      throw ScoringException.tooLarge("the request body has " + body.length + " bytes, over the limit of "
          + limits.maxBodyBytes() + " bytes for one request (maxBodyBytes); send the rows in several requests");
    }
  }

  static <T> T parse(byte[] body, Reader<T> reader) {
    if (body.length == 0) {
      throw ScoringException.badRequest("the request body is empty; send a JSON object");
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      T result = reader.read(p);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw ScoringException.badRequest("the request body has more after its JSON object, at " + at(p.currentLocation()));
      }
      return result;
    } catch (StreamConstraintsException e) {
      throw ScoringException.badRequest("the request body " + JsonLimits.describe(e));
    } catch (JsonProcessingException e) {
      throw ScoringException.badRequest("the request body is not valid JSON at " + at(e.getLocation()) + ": "
          + withoutSource(e.getOriginalMessage()));
    } catch (IOException e) {
      throw ScoringException.badRequest("cannot read the request body: " + e.getMessage());
    }
  }

  /** Jackson's "(start marker at [Source: REDACTED ...; line: 1, column: 17])" as "(start marker at line 1, column 17)". */
  static String withoutSource(String message) {
    return message == null ? "" : SOURCE.matcher(message).replaceAll("line $1, column $2");
  }

  private static final java.util.regex.Pattern SOURCE =
      java.util.regex.Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  static String at(JsonLocation location) {
    if (location == null) {
      return "an unknown position";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The next token, which must start a JSON array, else a 400 saying what {@code field} should be. */
  static void expectArray(JsonParser p, JsonToken t, String field, String example) {
    if (t != JsonToken.START_ARRAY) {
      throw ScoringException.badRequest(field + " must be a JSON list " + example + ", found " + describe(p, t));
    }
  }

  /**
   * Reads the current token as column {@code column}'s value in row {@code row}: a finite number of
   * the column's type, or null for an optional column (NaN, which the models treat as missing).
   */
  static double value(JsonParser p, JsonToken t, InputLayout layout, int column, int row) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = number(p);
      ColumnType type = layout.type(column);
      if (type == ColumnType.DOUBLE && Double.isFinite(d)) {
        return d; // the common case, without building any text
      }
      String problem = ValueRules.problem(type, d);
      if (problem != null) {
        throw ScoringException.badRequest(ValueRules.where(row, layout.names.get(column)) + problem);
      }
      return d;
    }
    String where = ValueRules.where(row, layout.names.get(column));
    if (t == JsonToken.VALUE_NULL) {
      if (layout.columns[column].required()) {
        throw ScoringException.badRequest(ValueRules.missing(where));
      }
      return Double.NaN;
    }
    throw ScoringException.badRequest(ValueRules.notANumber(where, layout.type(column), describe(p, t)));
  }

  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
      1e20, 1e21, 1e22};
  private static final long MAX_EXACT = 1L << 53;

  /**
   * The current number token's value, read from the parser's own character buffer: Jackson would
   * first copy a decimal into a String. Numbers of up to 15-16 significant digits with a small
   * exponent (all a scoring request usually holds) take Clinger's fast path, where one IEEE
   * multiplication or division of two exact doubles is correctly rounded, so the result is the
   * one {@link Double#parseDouble} gives; anything else goes through Jackson.
   */
  static double number(JsonParser p) throws IOException {
    char[] text = p.getTextCharacters();
    int i = p.getTextOffset();
    int end = i + p.getTextLength();
    boolean negative = i < end && text[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int exponent = 0;
    int digits = 0;
    boolean point = false;
    for (; i < end; i++) {
      char c = text[i];
      if (c >= '0' && c <= '9') {
        if (mantissa > (MAX_EXACT - 9) / 10) {
          return p.getDoubleValue();
        }
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        if (point) {
          exponent--;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else if (c == 'e' || c == 'E') {
        int e = 0;
        boolean minus = false;
        i++;
        if (i < end && (text[i] == '-' || text[i] == '+')) {
          minus = text[i++] == '-';
        }
        if (i == end || end - i > 3) {
          return p.getDoubleValue();
        }
        for (; i < end; i++) {
          char d = text[i];
          if (d < '0' || d > '9') {
            return p.getDoubleValue();
          }
          e = e * 10 + (d - '0');
        }
        exponent += minus ? -e : e;
      } else {
        return p.getDoubleValue(); // NaN, Infinity
      }
    }
    if (digits == 0 || exponent < -22 || exponent > 22) {
      return p.getDoubleValue();
    }
    double value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
    return negative ? -value : value;
  }

  /** How a token reads in a message: "the text 'abc'", "a list", "the end of the body". */
  static String describe(JsonParser p, JsonToken t) throws UncheckedIOException {
    if (t == null) {
      return "the end of the body";
    }
    try {
      return switch (t) {
        case VALUE_STRING -> "the text '" + MessageText.abbreviate(p.getText()) + "'";
        case VALUE_TRUE, VALUE_FALSE -> "the boolean " + p.getText();
        case VALUE_NULL -> "null";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + MessageText.abbreviate(p.getText());
        case START_ARRAY -> "a list";
        case START_OBJECT -> "an object";
        default -> t.name().toLowerCase(Locale.ROOT).replace('_', ' ');
      };
    } catch (IOException e) {
      return t.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Runs a writer into a byte array sized for {@code sizeHint} bytes. */
  static byte[] write(int sizeHint, Writer writer) {
    ByteArrayBuilder out = new ByteArrayBuilder(Math.max(64, sizeHint));
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a scoring response", e); // in-memory: cannot happen
    }
    return out.toByteArray();
  }

  /** A label as a number when the model's output column is numeric and the label is one, else as text. */
  static void writeLabel(JsonGenerator g, String label, boolean numeric) throws IOException {
    if (numeric && isNumber(label)) {
      g.writeNumber(label);
    } else {
      g.writeString(label);
    }
  }

  /** A plain JSON number, -?digits(.digits)?, without leading zeros: what a numeric class name looks like. */
  static boolean isNumber(String s) {
    int n = s.length();
    int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    int start = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    if (i == start || (i - start > 1 && s.charAt(start) == '0')) {
      return false;
    }
    if (i < n && s.charAt(i) == '.') {
      int fraction = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == fraction) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isJson(String contentType) {
    String media = media(contentType);
    return media.isEmpty() || media.equals("application/json") || media.endsWith("+json");
  }

  static boolean isCsv(String contentType) {
    return media(contentType).equals("text/csv");
  }

  /** The media type without parameters, lower case; "" when there is none. */
  static String media(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  static ScoringException unsupported(String contentType, String accepted) {
    return new ScoringException(415, "Content-Type '" + contentType + "' is not supported here; send " + accepted);
  }
}
