package org.mloop.ci.runner;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Replaces every secret value (and every value registered with ::add-mask::) by *** in log lines. */
final class Masker {
  private final List<String> values = new CopyOnWriteArrayList<>();

  synchronized void add(String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    // multi-line secrets are masked line by line, as log lines arrive one at a time
    for (String line : value.split("\\R")) {
      String v = line.strip();
      if (!v.isEmpty() && !values.contains(v)) {
        values.add(v);
      }
    }
    if (!values.contains(value)) {
      values.add(value);
    }
    values.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leaks
  }

  String mask(String line) {
    String out = line;
    for (String v : values) {
      if (out.contains(v)) {
        out = out.replace(v, "***");
      }
    }
    return out;
  }
}
