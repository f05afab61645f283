package org.mloop.bench;

/** The benchmarks' `--name value` options. */
final class BenchArgs {
  private BenchArgs() {}

  static String option(String[] args, String name) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return null;
  }

  static String option(String[] args, String name, String fallback) {
    String value = option(args, name);
    return value == null ? fallback : value;
  }

  static int intOption(String[] args, String name, int fallback) {
    String value = option(args, name);
    return value == null ? fallback : Integer.parseInt(value);
  }
}
