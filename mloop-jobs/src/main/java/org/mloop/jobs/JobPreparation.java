package org.mloop.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.data.AssetRef;
import org.mloop.core.files.FileTrees;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.CommandTemplate;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobInput;
import org.mloop.core.jobs.ResolvedInput;

/**
 * Puts in place what a job's command needs before it starts, in the job's scratch folder: a copy
 * of its code snapshot (checked against its hash) as the working folder, each data input as local
 * files (a copy, so the command cannot change a stored data asset version), an empty folder per
 * output, and the command with every ${{...}} resolved to those paths and the literal values.
 */
final class JobPreparation {
  private final ArtifactStore artifacts;
  private final JobScratch scratch;

  JobPreparation(ArtifactStore artifacts, JobScratch scratch) {
    this.artifacts = artifacts;
    this.scratch = scratch;
  }

  /**
   * A prepared job: the folder its command runs in, output name to the local folder it writes, and
   * the resolved command.
   */
  record Prepared(Path workDir, Map<String, String> outputs, String command) {}

  Prepared prepare(Job job) throws IOException {
    Path workDir = scratch.workDir(job.name());
    Files.createDirectories(workDir);
    copyCode(job.code(), workDir);
    Map<String, String> inputs = materializeInputs(job);
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String output : job.spec().outputs() == null ? List.<String>of() : job.spec().outputs().keySet()) {
      Path dir = scratch.outputDir(job.name(), output);
      Files.createDirectories(dir);
      outputs.put(output, dir.toString());
    }
    String command = CommandTemplate.resolve(job.spec().command(), inputs, outputs);
    return new Prepared(workDir, outputs, command);
  }

  private void copyCode(CodeSnapshot code, Path workDir) throws IOException {
    if (code == null) {
      return; // a job without code runs in an empty folder
    }
    String root = code.artifactPath();
    List<ArtifactFile> files = artifacts.listRecursive(root).stream().filter(f -> !f.directory()).toList();
    if (files.isEmpty() && code.fileCount() > 0) {
      throw MloopException.notFound("the code snapshot " + root + " (" + code.fileCount()
          + " files) is missing from the artifact store");
    }
    List<ArtifactFile> relative = new ArrayList<>();
    for (ArtifactFile file : files) {
      String rel = file.path().startsWith(root + "/") ? file.path().substring(root.length() + 1) : file.path();
      Path target = workDir.resolve(rel).normalize();
      if (!target.startsWith(workDir)) {
        throw MloopException.invalid("the code snapshot " + root + " holds a path outside its folder: " + rel);
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = artifacts.read(file.path())) {
        Files.copy(in, target);
      }
      relative.add(new ArtifactFile(rel, false, file.sizeBytes(), file.sha256()));
    }
    // The snapshot is named by its hash: a mismatch means its files were changed or lost.
    if (code.sha256() != null && relative.stream().allMatch(f -> f.sha256() != null)
        && !ContentHash.ofFiles(relative).equals(code.sha256())) {
      throw MloopException.invalid("the code snapshot " + root + " does not match its hash " + code.sha256()
          + ": " + relative.size() + " files found where " + code.fileCount() + " were stored");
    }
  }

  /** Input name to what replaces ${{inputs.NAME}}: a local path for data, the value for literals. */
  private Map<String, String> materializeInputs(Job job) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, ResolvedInput> resolved = job.inputs() == null ? Map.of() : job.inputs();
    Map<String, JobInput> declared = job.spec().inputs() == null ? Map.of() : job.spec().inputs();
    for (Map.Entry<String, JobInput> entry : declared.entrySet()) {
      String inputName = entry.getKey();
      JobInput input = entry.getValue();
      ResolvedInput r = resolved.get(inputName);
      if (!input.isData()) {
        values.put(inputName, r != null && r.value() != null ? r.value() : input.value());
      } else if (r != null && r.artifactPath() != null) {
        values.put(inputName, materialize(job.name(), inputName, input.type(), r).toString());
      } else if (input.path() != null && !AssetRef.isAssetRef(input.path()) && Files.exists(Path.of(input.path()))) {
        values.put(inputName, input.path()); // a local path used in place
      } else {
        throw MloopException.invalid("input '" + inputName + "' (" + input.path()
            + ") was not resolved to a data asset version when the job was submitted");
      }
    }
    return values;
  }

  private Path materialize(String jobName, String inputName, String type, ResolvedInput r) throws IOException {
    String what = "input '" + inputName + "' ("
        + (r.assetName() != null ? AssetRef.SCHEME + r.assetName() + ":" + r.assetVersion() : r.artifactPath()) + ")";
    if (!artifacts.exists(r.artifactPath())) {
      throw MloopException.notFound(what + ": " + r.artifactPath() + " is missing from the artifact store");
    }
    Path cache = scratch.inputCache(jobName).resolve(inputName);
    Path local = artifacts.materialize(r.artifactPath(), cache);
    if (!local.startsWith(cache)) {
      // The store handed over its own files (the file system store does): give the command a copy,
      // so it cannot change a data asset version whose sha256 is on record.
      Path copy = cache.resolve(local.getFileName().toString());
      FileTrees.copyTree(local, copy);
      local = copy;
    }
    if (type.equals("uri_folder")) {
      if (!Files.isDirectory(local)) {
        throw MloopException.invalid(what + " is a uri_folder input but " + r.artifactPath() + " is a file");
      }
      return local;
    }
    if (Files.isRegularFile(local)) {
      return local;
    }
    try (Stream<Path> walk = Files.walk(local)) {
      List<Path> files = walk.filter(Files::isRegularFile).toList();
      if (files.size() != 1) {
        throw MloopException.invalid(what + " is a uri_file input but " + r.artifactPath() + " holds "
            + files.size() + " files");
      }
      return files.get(0);
    }
  }
}
