package org.mloop.core.workspace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.MloopException;
import org.mloop.core.NameRule;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;

/**
 * The artifacts of CI runs ({@code actions/upload-artifact} and {@code download-artifact} of
 * `mloop ci run`), kept in the workspace's artifact store at {@code ci/CI/RUN/NAME/PATH}. {@code CI}
 * is the key of the CI home the run belongs to (run numbers restart in every CI home, so the key
 * keeps two repositories' run 1 apart); each file is stored with its sha256 like every other file.
 */
public final class CiArtifacts {
  /** The largest single file of an artifact; a model or a report is far below it. */
  public static final long MAX_FILE_BYTES = 2L * 1024 * 1024 * 1024;
  private static final String ROOT = "ci";

  private final ArtifactStore store;
  private final long maxFileBytes;

  public CiArtifacts(ArtifactStore store) {
    this(store, MAX_FILE_BYTES);
  }

  public CiArtifacts(ArtifactStore store, long maxFileBytes) {
    this.store = store;
    this.maxFileBytes = maxFileBytes;
  }

  /** GitHub's rule, a little stricter: letters, digits, '.', '_', '-' and spaces, not starting with '.'. */
  public static final NameRule NAME = NameRule.of("artifact name", 200, "[A-Za-z0-9_ -][A-Za-z0-9._ -]*",
      "use letters, digits, '.', '_', '-' or spaces, not starting with '.'");
  /** A CI home's key, such as "project-3f2a9c1d": letters, digits, '.', '_' and '-'. */
  public static final NameRule KEY = NameRule.of("CI key", 128, "[A-Za-z0-9][A-Za-z0-9._-]*",
      "use letters, digits, '.', '_' or '-', starting with a letter or digit");

  public static String checkName(String name) {
    return NAME.check(name);
  }

  public static String checkKey(String ci) {
    return KEY.check(ci);
  }

  static int checkRun(int run) {
    if (run < 1) {
      throw MloopException.invalid("CI run number " + run + " must be 1 or more");
    }
    return run;
  }

  /** Streams one file in; a file over the size limit is refused and nothing of it is kept. */
  public ArtifactFile write(String ci, int run, String name, String path, InputStream content) {
    String root = artifactRoot(ci, run, name);
    ArtifactFile written = store.write(root + "/" + path, new Bounded(content, maxFileBytes, name, path));
    return new ArtifactFile(written.path().substring(root.length() + 1), false, written.sizeBytes(), written.sha256());
  }

  /** The names of a run's artifacts, sorted. */
  public List<String> names(String ci, int run) {
    String runRoot = ROOT + "/" + checkKey(ci) + "/" + checkRun(run);
    List<String> names = new ArrayList<>();
    for (ArtifactFile child : store.list(runRoot)) {
      if (child.directory()) {
        names.add(child.path().substring(child.path().lastIndexOf('/') + 1));
      }
    }
    names.sort(null);
    return names;
  }

  /** The files of one artifact, paths relative to it; NOT_FOUND naming the artifacts the run has. */
  public List<ArtifactFile> files(String ci, int run, String name) {
    String root = artifactRoot(ci, run, name);
    List<ArtifactFile> out = new ArrayList<>();
    for (ArtifactFile f : store.listRecursive(root)) {
      out.add(new ArtifactFile(f.path().substring(root.length() + 1), f.directory(), f.sizeBytes(), f.sha256()));
    }
    if (out.stream().noneMatch(f -> !f.directory())) {
      List<String> names = names(ci, run);
      throw MloopException.notFound("CI run " + run + " of " + ci + " has no artifact '" + name + "' ("
          + (names.isEmpty() ? "it has none" : "it has: " + String.join(", ", names)) + ")");
    }
    return out;
  }

  public InputStream open(String ci, int run, String name, String path) {
    return store.read(artifactRoot(ci, run, name) + "/" + path);
  }

  /** Removes an artifact (before an upload that overwrites it, or after one that failed half-way). */
  public void delete(String ci, int run, String name) {
    store.delete(artifactRoot(ci, run, name));
  }

  private static String artifactRoot(String ci, int run, String name) {
    return ROOT + "/" + checkKey(ci) + "/" + checkRun(run) + "/" + checkName(name);
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
