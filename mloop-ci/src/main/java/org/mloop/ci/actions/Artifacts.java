package org.mloop.ci.actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mloop.ci.runner.Action;
import org.mloop.ci.runner.ActionContext;

/**
 * {@code actions/upload-artifact} and {@code actions/download-artifact}: a run's artifacts are
 * folders under its run folder in the CI home, {@code runs/<N>/artifacts/<name>/}, so they live as
 * long as the run's logs and are visible to every later job of the run (and, with {@code run-id},
 * to other runs).
 */
final class Artifacts {
  private Artifacts() {}

  static Path folder(Path runDirectory) {
    return runDirectory.resolve("artifacts");
  }

  static String checkName(String uses, String name) {
    if (name.isEmpty() || name.startsWith(".") || !name.matches("[A-Za-z0-9._ -]+")) {
      throw new IllegalArgumentException(uses + ": artifact name '" + name + "' must be letters, digits, '.', '_', "
          + "'-' or spaces (and not start with '.')");
    }
    return name;
  }

  /**
   * Inputs: {@code name} (default "artifact"), {@code path} (files, folders or globs, one per line;
   * a folder is stored by its content, a file by its name, a glob's files relative to the folder
   * before its first wildcard; lines starting with ! exclude), {@code if-no-files-found} (warn, error,
   * ignore), {@code overwrite}. Outputs: {@code artifact-id} (the name), {@code artifact-path}.
   */
  static final class Upload implements Action {
    @Override
    public void run(ActionContext context) throws Exception {
      String name = checkName(context.uses(), context.input("name", "artifact").strip());
      List<String> lines = FileTrees.lines(context.input("path"));
      if (lines.isEmpty()) {
        throw new IllegalArgumentException(context.uses() + ": input 'path' is required: the files or folders "
            + "to upload, one per line");
      }
      Path workspace = context.workspace();
      List<java.nio.file.PathMatcher> excludes = lines.stream().filter(l -> l.startsWith("!"))
          .map(l -> workspace.getFileSystem().getPathMatcher("glob:" + l.substring(1).strip())).toList();
      List<Path[]> files = new ArrayList<>(); // {source, path inside the artifact}
      for (String line : lines) {
        if (line.startsWith("!")) {
          continue;
        }
        Path path = FileTrees.resolve(workspace, line);
        if (FileTrees.isGlob(line)) {
          Path root = FileTrees.globRoot(workspace, line);
          for (Path f : FileTrees.glob(workspace, line)) {
            files.add(new Path[] {f, root.relativize(f)});
          }
        } else if (Files.isDirectory(path)) {
          try (Stream<Path> all = Files.walk(path)) {
            all.filter(Files::isRegularFile).sorted().forEach(f -> files.add(new Path[] {f, path.relativize(f)}));
          }
        } else if (Files.isRegularFile(path)) {
          files.add(new Path[] {path, path.getFileName()});
        }
      }
      files.removeIf(f -> f[0].startsWith(workspace) && excludes.stream().anyMatch(m -> m.matches(
          workspace.relativize(f[0]))));
      if (files.isEmpty()) {
        String rule = context.input("if-no-files-found", "warn").strip();
        String message = "no files were found with the provided path: " + String.join(", ", lines)
            + " (relative to " + workspace + "); no artifact uploaded";
        switch (rule) {
          case "error" -> throw new IllegalStateException(context.uses() + ": " + message);
          case "ignore" -> context.log(message);
          default -> context.log("##[warning]" + message);
        }
        return;
      }
      Path target = folder(context.runDirectory()).resolve(name);
      if (Files.exists(target)) {
        if (!context.input("overwrite").strip().equalsIgnoreCase("true")) {
          throw new IllegalStateException(context.uses() + ": this run already has an artifact named '" + name
              + "'; give another name, or overwrite: true");
        }
        FileTrees.delete(target);
      }
      for (Path[] f : files) {
        FileTrees.copy(f[0], target.resolve(f[1].toString()));
      }
      context.log("Uploaded " + files.size() + " file(s), " + FileTrees.size(target) + " bytes, as artifact '" + name
          + "' of run " + context.runNumber() + " (" + target + ")");
      context.setOutput("artifact-id", name);
      context.setOutput("artifact-path", target.toString());
    }
  }

  /**
   * Inputs: {@code name} (none: every artifact of the run, each in a folder of its name),
   * {@code path} (default: the workspace), {@code run-id} (another run's number of this CI home).
   * Output: {@code download-path}.
   */
  static final class Download implements Action {
    @Override
    public void run(ActionContext context) throws Exception {
      String runId = context.input("run-id").strip();
      Path runDirectory = context.runDirectory();
      if (!runId.isEmpty()) {
        if (!runId.matches("\\d{1,9}")) {
          throw new IllegalArgumentException(context.uses() + ": run-id '" + runId + "' is not a run number");
        }
        runDirectory = runDirectory.resolveSibling(runId);
      }
      Path store = folder(runDirectory);
      Path target = FileTrees.resolve(context.workspace(), context.input("path", "."));
      String name = context.input("name").strip();
      if (name.isEmpty()) {
        List<String> names = available(store);
        for (String each : names) {
          FileTrees.copy(store.resolve(each), target.resolve(each));
        }
        context.log("Downloaded " + names.size() + " artifact(s) " + names + " to " + target);
      } else {
        Path source = store.resolve(checkName(context.uses(), name));
        if (!Files.isDirectory(source)) {
          List<String> names = available(store);
          throw new IllegalStateException(context.uses() + ": run " + runDirectory.getFileName() + " has no artifact '"
              + name + "' (" + (names.isEmpty() ? "it has none" : "it has: " + String.join(", ", names))
              + "); upload it in an earlier job with actions/upload-artifact and list that job in needs:");
        }
        FileTrees.copy(source, target);
        context.log("Downloaded artifact '" + name + "' (" + FileTrees.size(source) + " bytes) to " + target);
      }
      context.setOutput("download-path", target.toString());
    }

    private static List<String> available(Path store) throws IOException {
      if (!Files.isDirectory(store)) {
        return List.of();
      }
      try (Stream<Path> all = Files.list(store)) {
        return all.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      }
    }
  }
}
