package org.mloop.serving.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.CollectedRecords;

/** A sink writing into a folder as the workspace does: {@code ENDPOINT/DEPLOYMENT/PATH}, never overwriting. */
class FolderSink implements CollectedDataSink {
  final Path root;
  final AtomicInteger calls = new AtomicInteger();

  FolderSink(Path root) {
    this.root = root;
  }

  @Override
  public void write(String endpoint, String deployment, String path, byte[] content) {
    calls.incrementAndGet();
    Path target = folder(endpoint, deployment).resolve(path);
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw MloopException.alreadyExists("collected data file '" + path + "' already exists");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path folder(String endpoint, String deployment) {
    return root.resolve(endpoint).resolve(deployment);
  }

  /** The deployment's files, relative paths with '/', in path order. */
  List<String> files(String endpoint, String deployment) {
    Path folder = folder(endpoint, deployment);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CollectedRecords records(String endpoint, String deployment) {
    Path folder = folder(endpoint, deployment);
    return new CollectedRecords(files(endpoint, deployment), p -> Files.newInputStream(folder.resolve(p)));
  }

  String read(String endpoint, String deployment, String path) {
    try (InputStream in = Files.newInputStream(folder(endpoint, deployment).resolve(path))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
