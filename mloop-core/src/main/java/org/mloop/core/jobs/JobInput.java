package org.mloop.core.jobs;

/**
 * A job input as written in job.yml: a data input ({@code type} uri_folder/uri_file with a
 * {@code path} such as "mloop:diabetes-dev-folder@latest" or a local path) or a literal
 * ({@code type} string/number/integer/boolean with a {@code value}).
 */
public record JobInput(String type, String path, String value, String description) {

  public boolean isData() {
    return "uri_folder".equals(type) || "uri_file".equals(type);
  }

  public static JobInput literal(String value) {
    return new JobInput(literalType(value), null, value, null);
  }

  static String literalType(String value) {
    if (value.matches("-?\\d+")) {
      return "integer";
    }
    if (value.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return "number";
    }
    if (value.equals("true") || value.equals("false")) {
      return "boolean";
    }
    return "string";
  }
}
