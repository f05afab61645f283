package org.mloop.core.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.data.AssetRef;

/**
 * The rules a job's fields follow, whether they come from the job file ({@link JobSpecParser}) or
 * from an override ({@link JobSpecOverrides}): job names, environment variable names, literal input
 * values and data input paths. Each check records what is wrong in {@link SpecProblems}.
 */
final class JobFieldRules {
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  /** Variables mloop sets for every job; a job may not replace them. */
  private static final Pattern RESERVED_VARIABLE = Pattern.compile("(MLOOP|MLFLOW)_.*");

  private JobFieldRules() {}

  static void checkJobName(SpecProblems problems, int line, String field, String name) {
    String problem = JobSpecParser.JOB_NAME.problem(name, null);
    if (problem != null) {
      problems.add(line, field, problem);
    }
  }

  static void checkVariableName(SpecProblems problems, int line, String field, String key) {
    if (!IDENTIFIER.matcher(key).matches()) {
      problems.add(line, field, MessageText.quoted(key)
          + " is not a valid environment variable name: use letters, digits and '_'");
    } else if (RESERVED_VARIABLE.matcher(key).matches()) {
      problems.add(line, field, "is set by mloop for every job (MLOOP_* and MLFLOW_* are reserved): remove it");
    }
  }

  /** The literal as stored (booleans in lower case), or null after recording that it does not fit its type. */
  static String checkLiteral(SpecProblems problems, int line, String field, String type, String value) {
    boolean ok = switch (type) {
      case "integer" -> INTEGER.matcher(value).matches();
      case "number" -> NUMBER.matcher(value).matches();
      case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
      default -> true;
    };
    if (!ok) {
      problems.add(line, field, MessageText.quoted(value) + " is not "
          + (type.equals("integer") ? "an integer" : "a " + type) + (type.equals("boolean") ? " (true or false)" : ""));
      return null;
    }
    return type.equals("boolean") ? value.toLowerCase(Locale.ROOT) : value;
  }

  /**
   * A data input's path: an asset reference as written, or a local path resolved against
   * {@code baseDir} (as given when null) that must exist and match the input's type; null after
   * recording a problem.
   */
  static String checkDataPath(SpecProblems problems, Path baseDir, int line, String field, String type, String path) {
    if (path.startsWith("azureml:")) {
      problems.add(line, field, MessageText.quoted(path)
          + " is an Azure ML reference: use mloop:NAME@latest or mloop:NAME:VERSION");
      return null;
    }
    if (AssetRef.isAssetRef(path)) {
      try {
        AssetRef.parse(path);
        return path;
      } catch (MloopException e) {
        problems.add(line, field, e.getMessage());
        return null;
      }
    }
    if (path.contains("://")) {
      problems.add(line, field, MessageText.quoted(path)
          + " is not supported: use mloop:NAME@latest, mloop:NAME:VERSION or a local path");
      return null;
    }
    Path local = baseDir == null ? Path.of(path) : baseDir.resolve(path).normalize();
    if (!Files.exists(local)) {
      problems.add(line, field, "local path " + local + " does not exist (relative paths start at the job file's folder)");
      return null;
    }
    if (type.equals("uri_folder") != Files.isDirectory(local)) {
      problems.add(line, field, "local path " + local + " is " + (Files.isDirectory(local) ? "a folder" : "a file")
          + " but the input is a " + type);
      return null;
    }
    return local.toString();
  }

  /** "the job's inputs are a, b" or "the job declares no inputs". */
  static String declared(String what, Collection<String> names) {
    return names.isEmpty()
        ? "the job declares no " + what
        : "the job's " + what + " are " + String.join(", ", names);
  }
}
