package org.mloop.cli.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = "Download a model version's folder (MLmodel and its files), checking every file's sha256.",
    footer = {"", "Example:", "  mloop model download diabetes@staging --path ./staging-model"})
public final class ModelDownloadCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Parameters(paramLabel = "NAME[:VERSION|@ALIAS]", description = "The version (a bare name means the latest).")
  String ref;

  @Option(names = "--path", required = true, paramLabel = "DIR", description = "Target folder (created if needed).")
  Path path;

  @Override
  public Integer call() {
    try (Workspace ws = workspace.open()) {
      ModelVersion v = ws.getModelVersion(ModelRef.parse(ref));
      List<ArtifactFile> files = ws.listModelFiles(v);
      Path root = path.toAbsolutePath().normalize();
      long bytes = 0;
      int count = 0;
      for (ArtifactFile file : files) {
        if (file.directory()) {
          continue;
        }
        Path target = root.resolve(file.path()).normalize();
        if (!target.startsWith(root)) {
          throw new IllegalStateException("refusing to write outside " + root + ": " + file.path());
        }
        try (InputStream in = ws.openModelFile(v, file.path())) {
          Files.createDirectories(target.getParent());
          bytes += Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + target, e);
        }
        if (file.sha256() != null && !file.sha256().equals(ContentHash.ofFile(target))) {
          throw MloopException.invalid("downloaded " + file.path() + " does not match its recorded sha256; retry");
        }
        count++;
      }
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", v.ref());
        json.put("path", root.toString());
        json.put("files", count);
        json.put("bytes", bytes);
        out.json(json);
      } else {
        out.line("Downloaded " + v.ref() + ": " + count + " file(s), " + bytes + " bytes, to " + root);
      }
    }
    return 0;
  }
}
