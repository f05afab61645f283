package org.mloop.core.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mloop.core.MloopException;

/**
 * A job command with ${{inputs.NAME}} and ${{outputs.NAME}} placeholders, resolved into a bash
 * command line.
 *
 * <p>Values are quoted for the place they land in: outside quotes a value that is not a plain word
 * becomes a single-quoted word; inside '...' only its single quotes are escaped; inside "..." the
 * characters bash still interprets there (\ " $ `) are escaped. So a path with spaces or quotes
 * reaches the program as one unchanged argument however the command was written.
 */
public final class CommandTemplate {
  private static final Pattern REFERENCE =
      Pattern.compile("(inputs|outputs)\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private CommandTemplate() {}

  /**
   * One ${{...}} in a command. {@code kind} is "inputs" or "outputs" and {@code name} the name it
   * refers to; both are null when the expression is not one of those two forms.
   */
  public record Placeholder(int start, int end, String text, String kind, String name, Quoting quoting) {
    public boolean valid() {
      return kind != null;
    }
  }

  /** Where a placeholder stands in bash's quoting. */
  public enum Quoting {
    NONE,
    SINGLE,
    DOUBLE
  }

  /**
   * Every ${{...}} in {@code command}, in order. Throws INVALID_PARAMETER_VALUE naming the
   * unclosed text when a ${{ has no matching }}.
   */
  public static List<Placeholder> placeholders(String command) {
    List<Placeholder> found = new ArrayList<>();
    Quoting quoting = Quoting.NONE;
    int i = 0;
    while (i < command.length()) {
      char c = command.charAt(i);
      if (command.startsWith("${{", i)) {
        int close = command.indexOf("}}", i + 3);
        if (close < 0) {
          String rest = command.substring(i);
          throw MloopException.invalid(
              "'" + (rest.length() > 40 ? rest.substring(0, 40) + "..." : rest) + "' is not closed with '}}'");
        }
        String text = command.substring(i, close + 2);
        Matcher m = REFERENCE.matcher(command.substring(i + 3, close).strip());
        found.add(m.matches()
            ? new Placeholder(i, close + 2, text, m.group(1), m.group(2), quoting)
            : new Placeholder(i, close + 2, text, null, null, quoting));
        i = close + 2;
        continue;
      }
      switch (quoting) {
        case NONE -> {
          if (c == '\\') {
            i++; // the next character is escaped, whatever it is
          } else if (c == '\'') {
            quoting = Quoting.SINGLE;
          } else if (c == '"') {
            quoting = Quoting.DOUBLE;
          }
        }
        case SINGLE -> {
          if (c == '\'') {
            quoting = Quoting.NONE;
          }
        }
        case DOUBLE -> {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            quoting = Quoting.NONE;
          }
        }
      }
      i++;
    }
    return found;
  }

  /**
   * The command with every placeholder replaced by its value, quoted for bash. {@code inputs} maps
   * input names to literal values or local paths, {@code outputs} output names to local folders.
   */
  public static String resolve(String command, Map<String, String> inputs, Map<String, String> outputs) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (Placeholder p : placeholders(command)) {
      if (!p.valid()) {
        throw MloopException.invalid(
            "'" + p.text() + "' is not supported in a command: use ${{inputs.NAME}} or ${{outputs.NAME}}");
      }
      Map<String, String> values = p.kind().equals("inputs") ? inputs : outputs;
      String value = values.get(p.name());
      if (value == null) {
        throw MloopException.invalid(
            "the command uses " + p.text() + " but the job has no " + p.kind() + " named '" + p.name()
                + "' (" + p.kind() + ": " + (values.isEmpty() ? "none" : String.join(", ", values.keySet())) + ")");
      }
      out.append(command, from, p.start()).append(quote(value, p.quoting()));
      from = p.end();
    }
    return out.append(command.substring(from)).toString();
  }

  /** {@code value} written so that bash reads it back unchanged at a place with the given quoting. */
  public static String quote(String value, Quoting quoting) {
    return switch (quoting) {
      case NONE -> PLAIN_WORD.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
      case SINGLE -> value.replace("'", "'\\''");
      case DOUBLE -> value.replaceAll("([\\\\\"$`])", "\\\\$1");
    };
  }
}
