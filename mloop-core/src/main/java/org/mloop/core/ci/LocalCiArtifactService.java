package org.mloop.core.ci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;

/**
 * CI run artifacts in a workspace's artifact store at {@code ci/CI/RUN/NAME/PATH}, each file stored
 * with its sha256 like every other file, at most {@link #MAX_FILE_BYTES} a file.
 */
public final class LocalCiArtifactService implements CiArtifactService {
  /** The largest single file of an artifact; a model or a report is far below it. */
  public static final long MAX_FILE_BYTES = 2L * 1024 * 1024 * 1024;
  private static final String ROOT = "ci";

  private final ArtifactStore store;
  private final long maxFileBytes;

  public LocalCiArtifactService(ArtifactStore store) {
    this(store, MAX_FILE_BYTES);
  }

  public LocalCiArtifactService(ArtifactStore store, long maxFileBytes) {
    this.store = store;
    this.maxFileBytes = maxFileBytes;
  }

  static int checkRun(int run) {
    if (run < 1) {
      throw MloopException.invalid("CI run number " + run + " must be 1 or more");
    }
    return run;
  }

  @Override
  public ArtifactFile write(String ci, int run, String name, String path, InputStream content) {
    String root = artifactRoot(ci, run, name);
    ArtifactFile written = store.write(root + "/" + path, new Bounded(content, maxFileBytes, name, path));
    return new ArtifactFile(written.path().substring(root.length() + 1), false, written.sizeBytes(), written.sha256());
  }

  @Override
  public List<String> list(String ci, int run) {
    String runRoot = ROOT + "/" + KEY.check(ci) + "/" + checkRun(run);
    List<String> names = new ArrayList<>();
    for (ArtifactFile child : store.list(runRoot)) {
      if (child.directory()) {
        names.add(child.path().substring(child.path().lastIndexOf('/') + 1));
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public List<ArtifactFile> listFiles(String ci, int run, String name) {
    List<ArtifactFile> out = store.listUnder(artifactRoot(ci, run, name));
    if (out.stream().noneMatch(f -> !f.directory())) {
      List<String> names = list(ci, run);
      throw MloopException.notFound("CI run " + run + " of " + ci + " has no artifact '" + name + "' ("
          + (names.isEmpty() ? "it has none" : "it has: " + String.join(", ", names)) + ")");
    }
    return out;
  }

  @Override
  public InputStream open(String ci, int run, String name, String path) {
    return store.read(artifactRoot(ci, run, name) + "/" + path);
  }

  @Override
  public void delete(String ci, int run, String name) {
    store.delete(artifactRoot(ci, run, name));
  }

  private static String artifactRoot(String ci, int run, String name) {
    return ROOT + "/" + KEY.check(ci) + "/" + checkRun(run) + "/" + NAME.check(name);
  }

  /** Counts what it passes on and stops the write once a file is over the limit. */
  private static final class Bounded extends FilterInputStream {
    private final long limit;
    private final String name;
    private final String path;
    private long count;

    Bounded(InputStream in, long limit, String name, String path) {
      super(in);
      this.limit = limit;
      this.name = name;
      this.path = path;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count > limit) {
        throw MloopException.invalid("file '" + path + "' of artifact '" + name + "' is over the limit of "
            + limit + " bytes per file; upload less (a glob or '!' lines in path: exclude files)");
      }
    }
  }
}
