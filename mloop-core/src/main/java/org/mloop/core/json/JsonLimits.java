package org.mloop.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounds every JSON and YAML document mloop reads from outside is held to (request bodies, job
 * specs, scoring requests, MLmodel files), and the one way a document that breaks one is described.
 * The parser stops at the first token over a bound, so a hostile document costs no more than the
 * bound; the caller answers INVALID_PARAMETER_VALUE (HTTP 400) with {@link #describe}.
 */
public final class JsonLimits {
  /** Objects and lists nested deeper than this are refused: MLflow's protobuf JSON parser stops at 100 too. */
  public static final int MAX_NESTING_DEPTH = 100;
  /** The longest number, in characters; a double never needs more than 25. */
  public static final int MAX_NUMBER_LENGTH = 1000;
  /** The longest string value, in characters. */
  public static final int MAX_STRING_LENGTH = 20_000_000;
  /** The longest field name, in characters. */
  public static final int MAX_NAME_LENGTH = 50_000;

  public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_NESTING_DEPTH)
      .maxNumberLength(MAX_NUMBER_LENGTH)
      .maxStringLength(MAX_STRING_LENGTH)
      .maxNameLength(MAX_NAME_LENGTH)
      .build();

  // Jackson's words, as "Number value length (2000) exceeds the maximum allowed (1000, from ...)".
  private static final Pattern EXCEEDED =
      Pattern.compile("^(Document nesting depth|Number value length|String value length|Name length)"
          + " \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

  private JsonLimits() {}

  /** Whether a parse failure is a document over one of the bounds (rather than malformed). */
  public static boolean isLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException) {
        return true;
      }
    }
    return false;
  }

  /**
   * What is wrong with a document that failed to parse, to follow its name ("the request body ..."):
   * "has a number longer than 1000 characters (the limit)", or "is not valid JSON: ... (line 1, column 9)".
   */
  public static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      return exceeded(message);
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return "is not valid JSON: " + message + where;
  }

  private static String exceeded(String message) {
    Matcher m = EXCEEDED.matcher(message);
    if (!m.find()) {
      int from = message.indexOf(", from `");
      return "is over a limit: " + (from < 0 ? message : message.substring(0, from) + ")");
    }
    String limit = m.group(3);
    return switch (m.group(1)) {
      case "Document nesting depth" -> "nests objects and lists more than " + limit + " levels deep (the limit)";
      case "Number value length" -> "has a number longer than " + limit + " characters (the limit)";
      case "String value length" -> "has a string longer than " + limit + " characters (the limit)";
      default -> "has a field name longer than " + limit + " characters (the limit)";
    };
  }
}
