package org.mloop.ci.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the files a step writes through $GITHUB_OUTPUT and $GITHUB_ENV: lines {@code name=value},
 * or a multi-line value written as {@code name<<DELIMITER}, its lines, then {@code DELIMITER}.
 */
final class FileCommands {
  private FileCommands() {}

  static Map<String, String> readPairs(Path file, String variable) throws IOException {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return pairs;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      int heredoc = line.indexOf("<<");
      if (eq > 0 && (heredoc < 0 || eq < heredoc)) {
        pairs.put(line.substring(0, eq), line.substring(eq + 1));
      } else if (heredoc > 0) {
        String name = line.substring(0, heredoc);
        String delimiter = line.substring(heredoc + 2);
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (j < lines.size() && !lines.get(j).equals(delimiter)) {
          if (j > i + 1) {
            value.append('\n');
          }
          value.append(lines.get(j));
          j++;
        }
        if (j == lines.size()) {
          throw new IllegalArgumentException("$" + variable + ": the value of '" + name
              + "' has no closing line '" + delimiter + "'");
        }
        pairs.put(name, value.toString());
        i = j;
      } else {
        throw new IllegalArgumentException("$" + variable + " line " + (i + 1) + " is neither name=value nor "
            + "name<<DELIMITER: '" + line + "'");
      }
    }
    return pairs;
  }

  static List<String> readLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty())
        .toList();
  }
}
