package org.mloop.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints results as aligned tables for people or as JSON for scripts and CI steps, on the command's
 * picocli streams ({@link CommandLine#setOut}), so the decision between the two is made in one place.
 */
public final class Printer {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  public Printer(PrintWriter out, PrintWriter err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /** On the streams of the command {@code spec} (picocli's out and err). */
  public static Printer of(CommandSpec spec, boolean json) {
    CommandLine cli = spec.commandLine();
    return new Printer(cli.getOut(), cli.getErr(), json);
  }

  /** A JSON object of the keys and values given in turn, in that order (a value may be null). */
  public static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  /** Where warnings and errors go (picocli's err). */
  public PrintWriter err() {
    return err;
  }

  public boolean json() {
    return json;
  }

  /** Where progress goes while a command runs: stdout, or stderr when stdout carries the JSON result. */
  public PrintWriter progress() {
    return json ? err : out;
  }

  /** The result: {@code value} as JSON, or the line {@code text} for people. */
  public void result(Object value, String text) {
    if (json) {
      json(value);
    } else {
      line(text);
    }
  }

  /** The result: {@code value} as JSON, or what {@code text} prints for people. */
  public void result(Object value, Runnable text) {
    if (json) {
      json(value);
    } else {
      text.run();
    }
  }

  public void json(Object value) {
    out.println(Json.writePretty(value));
  }

  public void line(String text) {
    out.println(text);
  }

  /** A table with a header row; columns are padded to their widest cell. */
  public void table(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] width = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], cell(row.get(i)).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String c = cell(row.get(i));
        sb.append(c);
        if (i < row.size() - 1) {
          sb.append(" ".repeat(width[i] - c.length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  /** "key: value" lines, aligned. */
  public void fields(List<String[]> pairs) {
    int w = pairs.stream().mapToInt(p -> p[0].length()).max().orElse(0);
    for (String[] p : pairs) {
      out.println(p[0] + ":" + " ".repeat(w - p[0].length() + 1) + cell(p[1]));
    }
  }

  private static String cell(String s) {
    return s == null ? "-" : s;
  }
}
