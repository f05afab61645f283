package org.mloop.ci.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.mloop.core.DidYouMean;
import org.mloop.core.json.YamlNode;

/**
 * The problems found while reading one workflow file, and the readers of single values, lists and
 * mappings that report into them ("FILE:LINE: FIELD: what is wrong"), shared by the readers of the
 * triggers, jobs and steps.
 */
final class YamlFields {
  /** Job, step and input ids: a letter or '_' first, then letters, digits, '-' and '_'. */
  static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final List<Problem> problems = new ArrayList<>();

  private record Problem(int line, String field, String message) {}

  void problem(int line, String field, String message) {
    problems.add(new Problem(line, field, message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Whether a problem was reported for a field that {@code field} accepts. */
  boolean anyField(Predicate<String> field) {
    return problems.stream().anyMatch(p -> p.field() != null && field.test(p.field()));
  }

  /** Throws every problem in one {@link WorkflowException}, in file order, located at the first; nothing if none. */
  void throwIfAny(Path shown) {
    if (problems.isEmpty()) {
      return;
    }
    problems.sort(Comparator.comparingInt(Problem::line)); // in file order (the sort is stable)
    Problem first = problems.get(0);
    StringBuilder message = new StringBuilder(describe(first));
    for (Problem more : problems.subList(1, problems.size())) {
      message.append('\n').append(new Location(shown, Math.max(0, more.line()))).append(": ").append(describe(more));
    }
    throw new WorkflowException(new Location(shown, Math.max(0, first.line())), message.toString());
  }

  private static String describe(Problem p) {
    return p.field() == null ? p.message() : p.field() + ": " + p.message();
  }

  /** {@code timeout-minutes}: a positive number, or an expression the runner evaluates. */
  String minutes(YamlNode parent, String parentField) {
    String field = parentField + ".timeout-minutes";
    String value = text(parent, "timeout-minutes", field);
    if (value != null && !value.contains("${{")) {
      boolean positive;
      try {
        double minutes = Double.parseDouble(value);
        positive = minutes > 0 && !Double.isInfinite(minutes);
      } catch (NumberFormatException e) {
        positive = false;
      }
      if (!positive) {
        problem(parent.get("timeout-minutes").line(), field,
            "'" + value + "' is not a number of minutes: write a positive number such as 30, or an expression");
      }
    }
    return value;
  }

  /** {@code continue-on-error}: true, false, or an expression the runner evaluates. */
  String flag(YamlNode parent, String parentField) {
    String field = parentField + ".continue-on-error";
    String value = text(parent, "continue-on-error", field);
    if (value != null && !value.contains("${{") && !value.equals("true") && !value.equals("false")) {
      problem(parent.get("continue-on-error").line(), field,
          "'" + value + "' is not true or false: write true, false, or an expression");
    }
    return value;
  }

  String text(YamlNode parent, String key, String field) {
    YamlNode node = parent.get(key);
    return node == null ? null : text(node, field);
  }

  /** A single value as text (numbers and booleans as written); null when null. Reports mappings and lists. */
  String text(YamlNode node, String field) {
    if (node.isNull()) {
      return null;
    }
    if (!node.isScalar()) {
      problem(node.line(), field, "must be a single value, not a " + node.kind());
      return null;
    }
    return node.text();
  }

  /** One value or a list of values. */
  List<String> stringList(YamlNode node, String field) {
    if (node.isNull()) {
      return List.of();
    }
    if (node.isMap()) {
      problem(node.line(), field, "must be a value or a list of values, not a mapping");
      return List.of();
    }
    if (node.isScalar()) {
      return List.of(node.text());
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.items().size(); i++) {
      String value = text(node.items().get(i), field + "[" + i + "]");
      if (value != null) {
        values.add(value);
      }
    }
    return List.copyOf(values);
  }

  /** A mapping of names to single values (numbers and booleans become their text, null becomes ""). */
  Map<String, String> stringMap(YamlNode node, String field) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return Collections.unmodifiableMap(map);
    }
    if (!node.isMap()) {
      problem(node.line(), field, "must be a mapping of names to values, not a " + node.kind());
      return Collections.unmodifiableMap(map);
    }
    node.fields().forEach((key, value) -> {
      if (value.isNull()) {
        map.put(key, "");
      } else {
        String text = text(value, field + "." + key);
        if (text != null) {
          map.put(key, text);
        }
      }
    });
    return Collections.unmodifiableMap(map);
  }

  void unknownFields(YamlNode node, String parent, List<String> known) {
    node.fields().forEach((key, child) -> {
      if (!known.contains(key)) {
        problem(child.line(), parent == null ? key : parent + "." + key, "is not a known field"
            + DidYouMean.suggestion(key, known) + "; known fields: " + String.join(", ", known));
      }
    });
  }
}
