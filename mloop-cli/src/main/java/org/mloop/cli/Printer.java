package org.mloop.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.json.Json;

/** Prints results as aligned tables for people or as JSON for scripts and CI steps. */
public final class Printer {
  private final PrintStream out;
  private final boolean json;

  public Printer(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  public boolean json() {
    return json;
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
