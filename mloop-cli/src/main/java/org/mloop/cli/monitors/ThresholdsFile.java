package org.mloop.cli.monitors;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.DidYouMean;
import org.mloop.core.MloopException;
import org.mloop.core.json.YamlNode;
import org.mloop.core.json.YamlTree;
import org.mloop.core.monitoring.Thresholds;

/**
 * Reads a monitor's thresholds file (YAML, or JSON, which is YAML): threshold names at the top level
 * apply to every feature, and a {@code features:} map changes them for one feature (see
 * {@link Thresholds}). Every problem is reported as "FILE:LINE: FIELD: what is wrong", all at once.
 */
final class ThresholdsFile {
  static final String FEATURES = "features";

  private final String file;
  private final List<String> problems = new ArrayList<>();

  private ThresholdsFile(String file) {
    this.file = file;
  }

  static Thresholds read(Path path) {
    String text;
    try {
      text = YamlTree.readFile(path, "thresholds file " + path);
    } catch (NoSuchFileException e) {
      throw MloopException.invalid("thresholds file " + path + " does not exist");
    } catch (IOException e) {
      throw MloopException.invalid("cannot read thresholds file " + path + ": " + e.getMessage());
    }
    return parse(text, path.toString());
  }

  static Thresholds parse(String text, String file) {
    return new ThresholdsFile(file).parse(text);
  }

  private Thresholds parse(String text) {
    YamlNode root = YamlTree.read(text, "a thresholds file holds one set of thresholds", this::problem);
    Map<String, Double> overrides = new LinkedHashMap<>();
    Map<String, Map<String, Double>> features = new LinkedHashMap<>();
    if (root == null && problems.isEmpty()) {
      problem(-1, null, "is empty: write threshold names and values, e.g. normalized_wasserstein: 0.15");
    } else if (root != null && !root.isMap()) {
      problem(root.line(), null, "must be a map of threshold names to numbers, e.g. normalized_wasserstein: 0.15");
    } else if (root != null) {
      root.fields().forEach((name, node) -> {
        if (name.equals(FEATURES)) {
          features(node, features);
        } else {
          value(node, name, name, overrides);
        }
      });
    }
    if (!problems.isEmpty()) {
      throw MloopException.invalid(String.join("\n", problems));
    }
    return new Thresholds(overrides, features);
  }

  private void features(YamlNode node, Map<String, Map<String, Double>> features) {
    if (!node.isMap()) {
      problem(node.line(), FEATURES, "must map feature names to their thresholds, e.g. features: {Age: "
          + "{normalized_wasserstein: 0.2}}");
      return;
    }
    node.fields().forEach((feature, values) -> {
      String path = FEATURES + "." + feature;
      if (!values.isMap()) {
        problem(values.line(), path, "must map threshold names to numbers, e.g. {normalized_wasserstein: 0.2}");
        return;
      }
      Map<String, Double> own = new LinkedHashMap<>();
      values.fields().forEach((name, v) -> value(v, name, path + "." + name, own));
      features.put(feature, own);
    });
  }

  private void value(YamlNode node, String name, String path, Map<String, Double> into) {
    if (!Thresholds.DEFAULTS.containsKey(name)) {
      problem(node.line(), path, "unknown threshold" + DidYouMean.suggestion(name, Thresholds.DEFAULTS.keySet())
          + "; known: " + String.join(", ", Thresholds.DEFAULTS.keySet()) + " (and features:)");
      return;
    }
    Double value = null;
    if (node.isScalar() && node.text() != null) {
      try {
        value = Double.parseDouble(node.text().strip());
      } catch (NumberFormatException e) {
        value = null;
      }
    }
    if (value == null || !Double.isFinite(value) || value < 0) {
      problem(node.line(), path, "must be a number >= 0, got " + (node.isScalar() ? "'" + node.text() + "'"
          : "a " + node.kind()) + " (default " + MonitorViews.number(Thresholds.DEFAULTS.get(name)) + ")");
      return;
    }
    into.put(name, value);
  }

  private void problem(int line, String field, String message) {
    problems.add(file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ") + message);
  }
}
