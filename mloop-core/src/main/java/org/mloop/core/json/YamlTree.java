package org.mloop.core.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into {@link YamlNode}s that remember their lines. Problems are reported,
 * not thrown, so a file's parser can collect all of them: invalid YAML (the tree is then null),
 * duplicate keys (the last one wins in the tree) and aliases (refused: files people read should
 * say what they mean where they say it). Field paths in problems are dotted ("jobs.build.steps[2].run").
 */
public final class YamlTree {
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

  private YamlNode readTree(String yaml, String oneDocumentHint) {
    lines = yaml.lines().toList();
    try (JsonParser p = Json.yaml().getFactory().createParser(yaml)) {
      if (p.nextToken() == null) {
        return null;
      }
      YamlNode root = readNode(p, "");
      if (p.nextToken() != null) {
        problems.report(p.currentTokenLocation().getLineNr(), null,
            "a second YAML document starts here: " + oneDocumentHint);
      }
      return root;
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
    int column = p.currentTokenLocation().getColumnNr();
    return new YamlNode(token, text, null, null, line, isBlockIndicator(line, column) ? line + 1 : line);
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
