package org.mloop.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.mloop.core.files.Globs;

/**
 * The rules of a {@code .mloopignore} file: gitignore-style globs relative to the code folder, one
 * per line; {@code #} starts a comment, {@code !} re-includes, a trailing {@code /} matches folders
 * only, a pattern without an inner {@code /} matches at any depth, {@code *} stays within one path
 * segment and {@code **} crosses them (compiled by {@link Globs} in its gitignore dialect).
 *
 * <p>Unlike git, the last matching rule always wins, even below an excluded folder: a pattern
 * matches a file when it matches the file's path or any of its parent folders, so
 * {@code target/} followed by {@code !target/model.jar} keeps the jar. {@code .git} folders (and
 * {@code .mloop} workspace folders) are always excluded.
 */
public final class IgnoreRules {
  public static final String FILE_NAME = ".mloopignore";

  private record Rule(Pattern pattern, boolean negated, boolean directoryOnly, String text) {}

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = rules;
  }

  /** The rules of {@code codeDir/.mloopignore}; no rules when it does not exist. */
  public static IgnoreRules load(Path codeDir) {
    Path file = codeDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return parse(List.of());
    }
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static IgnoreRules parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : lines) {
      String line = stripTrailingSpaces(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = line.startsWith("!");
      if (negated) {
        line = line.substring(1);
      } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
        line = line.substring(1);
      }
      boolean directoryOnly = line.endsWith("/");
      if (directoryOnly) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      // Like git: a slash at the start or in the middle anchors the pattern to the code folder.
      boolean anchored = line.contains("/");
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String regex = (anchored ? "" : "(?:.*/)?") + Globs.regex(line, Globs.Dialect.GITIGNORE);
      rules.add(new Rule(Pattern.compile(regex), negated, directoryOnly, raw));
    }
    return new IgnoreRules(rules);
  }

  /** Whether a file (relative path with '/') is left out of the snapshot. */
  public boolean excludesFile(String path) {
    if (alwaysExcluded(path)) {
      return true;
    }
    Integer deciding = decidingRule(path, false);
    return deciding != null && !rules.get(deciding).negated();
  }

  /**
   * Whether nothing below folder {@code path} can be part of the snapshot, so the walk may skip it:
   * it is excluded and no later rule re-includes anything.
   */
  public boolean excludesWholeFolder(String path) {
    if (alwaysExcluded(path)) {
      return true;
    }
    Integer deciding = decidingRule(path, true);
    if (deciding == null || rules.get(deciding).negated()) {
      return false;
    }
    return rules.subList(deciding + 1, rules.size()).stream().noneMatch(Rule::negated);
  }

  /**
   * {@code .git} folders, and {@code .mloop} folders: a workspace kept inside the code folder must
   * never be copied into its own artifact store (it would grow with every job).
   */
  private static boolean alwaysExcluded(String path) {
    for (String segment : path.split("/")) {
      if (segment.equals(".git") || segment.equals(".mloop")) {
        return true;
      }
    }
    return false;
  }

  /** Index of the last rule matching {@code path} or one of its parent folders, or null. */
  private Integer decidingRule(String path, boolean isDirectory) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (matches(rules.get(i), path, isDirectory)) {
        return i;
      }
    }
    return null;
  }

  private static boolean matches(Rule rule, String path, boolean isDirectory) {
    if ((isDirectory || !rule.directoryOnly()) && rule.pattern().matcher(path).matches()) {
      return true;
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (rule.pattern().matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String stripTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
      end--;
    }
    return line.substring(0, end).replace("\\ ", " ");
  }
}
