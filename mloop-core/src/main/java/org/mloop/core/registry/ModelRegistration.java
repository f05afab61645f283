package org.mloop.core.registry;

import java.nio.file.Path;
import java.util.Map;

/**
 * A request to register a model version: either from a completed job's output ({@code fromJob} +
 * {@code outputName}) or from a local folder ({@code localPath}), never both.
 */
public record ModelRegistration(
    String name, String fromJob, String outputName, Path localPath, String description, Map<String, String> tags) {

  public static ModelRegistration fromJob(String name, String job, String output, String description,
      Map<String, String> tags) {
    return new ModelRegistration(name, job, output, null, description, tags);
  }

  public static ModelRegistration fromFolder(String name, Path folder, String description, Map<String, String> tags) {
    return new ModelRegistration(name, null, null, folder, description, tags);
  }
}
