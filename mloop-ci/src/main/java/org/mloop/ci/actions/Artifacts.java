package org.mloop.ci.actions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.mloop.ci.runner.Action;
import org.mloop.ci.runner.ActionContext;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.artifacts.Downloads;
import org.mloop.core.ci.CiArtifactService;
import org.mloop.core.files.FileTrees;
import org.mloop.core.files.Globs;
import org.mloop.core.workspace.Workspace;

/**
 * {@code actions/upload-artifact} and {@code actions/download-artifact}: a run's artifacts are kept in
 * the mloop workspace's artifact store, at {@code ci/KEY/RUN/NAME/} (KEY: the CI home's
 * {@link ActionContext#artifactKey()}), every file with its sha256, so every later job of the run
 * (and, with {@code run-id}, other runs) finds them, wherever the workspace is. The workspace is the
 * step's {@code MLOOP_WORKSPACE} / {@code MLOOP_TOKEN}, else `mloop ci run --workspace`; with neither,
 * the step fails saying so (there is no fallback to a local folder, which a job talking to a server
 * would not see).
 */
final class Artifacts {
  private static final String WHAT = "artifacts";

  private Artifacts() {}

  static String checkName(String uses, String name) {
    try {
      return CiArtifactService.checkName(name);
    } catch (MloopException e) {
      throw new IllegalArgumentException(uses + ": " + e.getMessage(), e);
    }
  }

  /**
   * Inputs: {@code name} (default "artifact"), {@code path} (files, folders or globs, one per line;
   * a folder is stored by its content, a file by its name, a glob's files relative to the folder
   * before its first wildcard; lines starting with ! exclude), {@code if-no-files-found} (warn, error,
   * ignore), {@code overwrite}. Outputs: {@code artifact-id} (the name), {@code artifact-digest} (sha256 over
   * the files' paths and sha256s).
   */
  static final class Upload implements Action {
    @Override
    public void run(ActionContext context) throws Exception {
      String name = checkName(context.uses(), context.input("name", "artifact").strip());
      List<String> lines = ActionInputs.lines(context.input("path"));
      if (lines.isEmpty()) {
        throw new IllegalArgumentException(context.uses() + ": input 'path' is required: the files or folders "
            + "to upload, one per line");
      }
      Path workspace = context.workspace();
      List<Predicate<Path>> excludes = lines.stream().filter(l -> l.startsWith("!"))
          .map(l -> Globs.files(workspace, l.substring(1).strip())).toList();
      List<Path[]> files = new ArrayList<>(); // {source, path inside the artifact}
      for (String line : lines) {
        if (line.startsWith("!")) {
          continue;
        }
        Path path = ActionInputs.resolve(workspace, line);
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
      files.removeIf(f -> f[0].startsWith(workspace) && excludes.stream().anyMatch(m -> m.test(f[0])));
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
      try (Workspace store = context.openWorkspace(WHAT)) {
        String key = context.artifactKey();
        int run = context.runNumber();
        if (store.ciArtifacts().list(key, run).contains(name)) {
          if (!context.input("overwrite").strip().equalsIgnoreCase("true")) {
            throw new IllegalStateException(context.uses() + ": this run already has an artifact named '" + name
                + "'; give another name, or overwrite: true");
          }
          store.ciArtifacts().delete(key, run, name);
        }
        List<ArtifactFile> written = new ArrayList<>();
        try {
          for (Path[] f : files) {
            try (InputStream in = Files.newInputStream(f[0])) {
              written.add(store.ciArtifacts().write(key, run, name, f[1].toString().replace('\\', '/'), in));
            }
          }
        } catch (IOException | RuntimeException e) {
          // half an artifact would look whole to the jobs after this one
          try {
            store.ciArtifacts().delete(key, run, name);
          } catch (RuntimeException cleanup) {
            e.addSuppressed(cleanup);
          }
          throw e;
        }
        long bytes = written.stream().mapToLong(ArtifactFile::sizeBytes).sum();
        context.log("Uploaded " + written.size() + " file(s), " + bytes + " bytes, as artifact '" + name + "' of run "
            + run + " to the workspace " + store.location() + " (ci/" + key + "/" + run + "/" + name + ")");
        context.setOutput("artifact-id", name);
        context.setOutput("artifact-digest", ContentHash.ofFiles(written));
      }
    }
  }

  /**
   * Inputs: {@code name} (none: every artifact of the run, each in a folder of its name),
   * {@code path} (default: the workspace), {@code run-id} (another run's number of this CI home).
   * Files are checked against their recorded sha256. Output: {@code download-path}.
   */
  static final class Download implements Action {
    @Override
    public void run(ActionContext context) throws Exception {
      String runId = context.input("run-id").strip();
      int run = context.runNumber();
      if (!runId.isEmpty()) {
        if (!runId.matches("\\d{1,9}")) {
          throw new IllegalArgumentException(context.uses() + ": run-id '" + runId + "' is not a run number");
        }
        run = Integer.parseInt(runId);
      }
      Path target = ActionInputs.resolve(context.workspace(), context.input("path", "."));
      String name = context.input("name").strip();
      String key = context.artifactKey();
      try (Workspace store = context.openWorkspace(WHAT)) {
        List<String> names = store.ciArtifacts().list(key, run);
        int runNumber = run;
        if (name.isEmpty()) {
          long bytes = 0;
          for (String each : names) {
            bytes += Downloads.copy(store.ciArtifacts().listFiles(key, run, each),
                path -> store.ciArtifacts().open(key, runNumber, each, path), target.resolve(each)).bytes();
          }
          context.log("Downloaded " + names.size() + " artifact(s) " + names + ", " + bytes + " bytes, to " + target);
        } else {
          checkName(context.uses(), name);
          if (!names.contains(name)) {
            throw new IllegalStateException(context.uses() + ": run " + run + " has no artifact '" + name + "' ("
                + (names.isEmpty() ? "it has none" : "it has: " + String.join(", ", names))
                + "); upload it in an earlier job with actions/upload-artifact and list that job in needs:");
          }
          Downloads.Result result = Downloads.copy(store.ciArtifacts().listFiles(key, run, name),
              path -> store.ciArtifacts().open(key, runNumber, name, path), target);
          context.log("Downloaded artifact '" + name + "' (" + result.files() + " file(s), " + result.bytes()
              + " bytes) of run " + run + " to " + target);
        }
      }
      context.setOutput("download-path", target.toString());
    }
  }
}
