package org.mloop.store;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.store.SchemeRegistry;
import org.mloop.core.store.SchemeRegistry.Scheme;

/**
 * Opens the artifact store a URI names (a workspace's {@code artifact_uri}), chosen by its scheme:
 *
 * <ul>
 *   <li>{@code file:///srv/mloop/artifacts}, or a plain folder path ({@code artifacts}, relative to
 *       the workspace folder): {@link FileArtifactStore}.
 * </ul>
 *
 * <p>Adding a store (S3 is next) is one class implementing {@link ArtifactStore} with a static
 * {@code open(String uri, Path base)}, one entry in {@link #SCHEMES}, and one test class extending
 * {@code ArtifactStoreContract} (mloop-core's test-jar).
 *
 * <p>Why an explicit list rather than {@link java.util.ServiceLoader}: every store is built in
 * this repository, so the list is the one place that says which schemes exist, checked by the
 * compiler: a missing store fails the build, not a user's start. A ServiceLoader would need a
 * {@code META-INF/services} file beside each store, lost silently when a jar is repackaged
 * without merging them (shaded jars, as model/ builds), and a class-path scan at every CLI start,
 * whose start-up time is measured (docs/benchmarks.md). Stores from outside the repository are
 * not a goal; if they become one, a ServiceLoader lookup can feed this same list.
 */
public final class ArtifactStores {
  /** Opens the store of one scheme; {@code base} resolves relative folder paths. */
  @FunctionalInterface
  interface Opener {
    ArtifactStore open(String uri, Path base);
  }

  /** The registry: one entry per scheme, tried in order. */
  private static final SchemeRegistry<Opener> SCHEMES = new SchemeRegistry<>("artifact store URI", List.of(
      new Scheme<>("file", "file:///srv/mloop/artifacts", FileArtifactStore::open),
      new Scheme<>("", "artifacts, a folder relative to the workspace", FileArtifactStore::open)),
      UnaryOperator.identity());

  private ArtifactStores() {}

  /** The store at {@code uri}; a relative folder path is relative to the current directory. */
  public static ArtifactStore open(String uri) {
    return open(uri, Path.of(""));
  }

  /** The store at {@code uri}; a relative folder path is relative to {@code base} (a workspace folder). */
  public static ArtifactStore open(String uri, Path base) {
    String trimmed = uri == null ? null : uri.strip();
    return SCHEMES.opener(trimmed).open(trimmed, base.toAbsolutePath());
  }

  /** The schemes stores can be opened with ("file:", and "" for a plain folder path). */
  public static List<String> schemes() {
    return SCHEMES.names();
  }
}
