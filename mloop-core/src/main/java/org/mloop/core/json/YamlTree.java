package org.mloop.core.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mloop.core.MloopException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into {@link YamlNode}s that remember their lines. Problems are reported,
 * not thrown, so a file's parser can collect all of them: invalid YAML (the tree is then null),
 * duplicate keys (the last one wins in the tree) and aliases (refused: files people read should
 * say what they mean where they say it). Field paths in problems are dotted ("jobs.build.steps[2].run").
 *
 * <p>Documents are bounded: a file over {@link #MAX_DOCUMENT_CHARS} is refused before it is parsed,
 * and so is one with a line over {@link #MAX_LINE_CHARS} (the YAML scanner's time and garbage grow
 * with the square of a line's length: a 3 MB line took seconds and 19 GB of allocations, a 1 MB one
 * still 2 GB). A document holding a value over {@link #MAX_VALUE_CHARS} (a block scalar spans many
 * short lines) is refused naming the value's field. Nesting is bounded by {@link JsonLimits}.
 */
public final class YamlTree {
  /** The largest YAML document read, in characters (and a file's size in bytes): job files, workflows are a few KB. */
  public static final int MAX_DOCUMENT_CHARS = 1024 * 1024;
  /** The longest single value (a command, a script, a description) or key, in characters. */
  public static final int MAX_VALUE_CHARS = 64 * 1024;
  /** The longest line: a value at its limit with room for its key and indentation. */
  public static final int MAX_LINE_CHARS = MAX_VALUE_CHARS + 1024;

  // The key a line starts with ("description: ...", "- name: ..."), to name the field of an overlong line.
  private static final Pattern LINE_KEY = Pattern.compile("^\\s*(?:-\\s+)*([A-Za-z0-9_$][A-Za-z0-9_$.\\-]{0,100})\\s*:(?:\\s|$)");

  /** Receives each problem: its line (-1 when unknown), the field path (null for the whole file), the message. */
  @FunctionalInterface
  public interface Problems {
    void report(int line, String field, String message);
  }

  /** Which plain words are booleans. */
  public enum Booleans {
    /** YAML 1.1, as Jackson reads it: yes/no/on/off too (Azure ML's job files, read by Python). */
    YAML_1_1,
    /** YAML 1.2's core schema: only true and false (GitHub Actions' workflow files: {@code on} is a word). */
    YAML_1_2
  }

  private final Problems problems;
  private final Booleans booleans;
  private List<String> lines = List.of();

  private YamlTree(Problems problems, Booleans booleans) {
    this.problems = problems;
    this.booleans = booleans;
  }

  /**
   * The document's root, or null when the text is empty or not valid YAML (reported).
   * {@code oneDocumentHint} ends the message given when a second document follows, e.g.
   * "a job file holds one job".
   */
  public static YamlNode read(String yaml, String oneDocumentHint, Problems problems) {
    return read(yaml, oneDocumentHint, Booleans.YAML_1_1, problems);
  }

  /** Like {@link #read(String, String, Problems)}, choosing which words are booleans. */
  public static YamlNode read(String yaml, String oneDocumentHint, Booleans booleans, Problems problems) {
    return new YamlTree(problems, booleans).readTree(yaml, oneDocumentHint);
  }

  /**
   * A YAML file's text, read only when its size is within {@link #MAX_DOCUMENT_CHARS} bytes: a larger
   * one is refused before reading, as INVALID_PARAMETER_VALUE naming it as {@code shown}.
   */
  public static String readFile(Path file, String shown) throws IOException {
    long size = Files.size(file);
    if (size > MAX_DOCUMENT_CHARS) {
      throw MloopException.invalid(shown + ": is " + size + " bytes, over the limit of " + MAX_DOCUMENT_CHARS
          + " bytes for a YAML file");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private YamlNode readTree(String yaml, String oneDocumentHint) {
    if (yaml.length() > MAX_DOCUMENT_CHARS) {
      problems.report(-1, null, "is " + yaml.length() + " characters long, over the limit of " + MAX_DOCUMENT_CHARS
          + " for a YAML file");
      return null;
    }
    if (hasOverlongLine(yaml)) {
      return null;
    }
    lines = yaml.lines().toList();
    try (JsonParser p = Json.yaml().getFactory().createParser(yaml)) {
      try {
        if (p.nextToken() == null) {
          return null;
        }
        YamlNode root = readNode(p, "");
        if (p.nextToken() != null) {
          problems.report(p.currentTokenLocation().getLineNr(), null,
              "a second YAML document starts here: " + oneDocumentHint);
        }
        return root;
      } catch (StreamConstraintsException e) {
        problems.report(p.currentLocation().getLineNr(), null, "is refused: it " + JsonLimits.describe(e));
        return null;
      }
    } catch (ValueTooLong e) {
      problems.report(e.line, e.path.isEmpty() ? null : e.path, e.getMessage());
      return null;
    } catch (JacksonException e) {
      if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        reportSyntax(marked);
      } else {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        problems.report(e.getLocation() == null ? -1 : e.getLocation().getLineNr(), null,
            "invalid YAML: " + (newline < 0 ? message : message.substring(0, newline)));
      }
      return null;
    } catch (IOException e) {
      problems.report(-1, null, "cannot be read: " + e.getMessage());
      return null;
    }
  }

  /**
   * The YAML parser's whole message on one line, at the line of the problem (the last line when the
   * problem is the end of the text): what it was reading and where that started, then what it found.
   * "while parsing a block mapping (line 3, column 3): expected <block end>, but found '<block mapping
   * start>' (column 4)".
   */
  private void reportSyntax(MarkedYAMLException e) {
    Mark problemMark = e.getProblemMark();
    int line = problemMark.getLine() + 1;
    boolean pastEnd = line > lines.size();
    StringBuilder message = new StringBuilder("invalid YAML: ");
    if (e.getContext() != null && !e.getContext().isBlank()) {
      message.append(e.getContext().strip());
      Mark contextMark = e.getContextMark();
      if (contextMark != null && contextMark.getLine() + 1 <= lines.size()
          && !(contextMark.getLine() == problemMark.getLine() && contextMark.getColumn() == problemMark.getColumn())) {
        message.append(" (line ").append(contextMark.getLine() + 1).append(", column ")
            .append(contextMark.getColumn() + 1).append(')');
      }
      message.append(": ");
    }
    message.append(e.getProblem() == null ? "unreadable" : e.getProblem().strip());
    message.append(pastEnd ? " (at the end of the text)" : " (column " + (problemMark.getColumn() + 1) + ")");
    problems.report(pastEnd ? Math.max(lines.size(), 1) : line, null, message.toString());
  }

  private YamlNode readNode(JsonParser p, String path) throws IOException {
    JsonToken token = p.currentToken();
    int line = p.currentTokenLocation().getLineNr();
    if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
      problems.report(line, path.isEmpty() ? null : path,
          "YAML aliases (*" + p.getText() + ") are not supported: write the value out");
    }
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> fields = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        if (key.length() > MAX_VALUE_CHARS) {
          throw new ValueTooLong(keyLine, path, "has a key of " + key.length() + " characters, over the limit of "
              + MAX_VALUE_CHARS);
        }
        p.nextToken();
        String childPath = path.isEmpty() ? key : path + "." + key;
        YamlNode child = readNode(p, childPath).atLine(keyLine);
        if (fields.containsKey(key)) {
          problems.report(keyLine, childPath,
              "appears twice (first on line " + fields.get(key).line() + "): keep one");
        }
        fields.put(key, child);
      }
      return new YamlNode(token, null, Collections.unmodifiableMap(fields), null, line, line);
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(readNode(p, path + "[" + items.size() + "]"));
      }
      return new YamlNode(token, null, null, Collections.unmodifiableList(items), line, line);
    }
    if ((token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) && booleans == Booleans.YAML_1_2
        && !p.getText().equalsIgnoreCase("true") && !p.getText().equalsIgnoreCase("false")) {
      token = JsonToken.VALUE_STRING; // yes, no, on, off, y, n: words in YAML 1.2
    }
    String text = switch (token) {
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> null;
      default -> p.getText();
    };
    if (text != null && text.length() > MAX_VALUE_CHARS) {
      throw new ValueTooLong(line, path, "is " + text.length() + " characters long, over the limit of "
          + MAX_VALUE_CHARS + " for one value");
    }
    int column = p.currentTokenLocation().getColumnNr();
    return new YamlNode(token, text, null, null, line, isBlockIndicator(line, column) ? line + 1 : line);
  }

  /** Reports the first line over {@link #MAX_LINE_CHARS}, naming the field it starts with when it starts with one. */
  private boolean hasOverlongLine(String yaml) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= yaml.length(); i++) {
      if (i == yaml.length() || yaml.charAt(i) == '\n') {
        if (i - start > MAX_LINE_CHARS) {
          Matcher key = LINE_KEY.matcher(yaml.substring(start, start + 200));
          problems.report(line, key.find() ? key.group(1) : null, "is on a line of " + (i - start)
              + " characters, over the limit of " + MAX_LINE_CHARS + " for one line (" + MAX_VALUE_CHARS
              + " for one value)");
          return true;
        }
        line++;
        start = i + 1;
      }
    }
    return false;
  }

  /** A value over {@link #MAX_VALUE_CHARS}: the document is refused with this one problem. */
  private static final class ValueTooLong extends RuntimeException {
    final int line;
    final String path;

    ValueTooLong(int line, String path, String message) {
      super(message, null, false, false);
      this.line = line;
      this.path = path;
    }
  }

  /** Whether a scalar starting at this line and column (1-based) is a block scalar ({@code |} or {@code >}). */
  private boolean isBlockIndicator(int line, int column) {
    if (line < 1 || line > lines.size() || column < 1 || column > lines.get(line - 1).length()) {
      return false;
    }
    char c = lines.get(line - 1).charAt(column - 1);
    return c == '|' || c == '>';
  }
}
