package org.mloop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.files.FolderUse;
import org.mloop.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what crashed processes left in a {@link FileArtifactStore} when a process starts using
 * it, and says so in one log line (what, how many, how many bytes):
 *
 * <ul>
 *   <li>temporary files in {@code .tmp/} ({@code *.part} content and {@code *.sha256} digests of
 *       writes that never finished);
 *   <li>folders {@code models/NAME/SHA256} that no model version's row names, and folders
 *       {@code data/NAME/SHA256} that no data asset version's row names (a registration or a
 *       {@code data create} copies its files first and writes its row last, so a crash between the
 *       two leaves such a folder; so does deleting the last version that used one).
 * </ul>
 *
 * <p>Nothing a live process writes is touched. Every process using the store holds it through
 * {@link FolderUse}; a process that finds itself the only user removes all of the above, because
 * no one else can be writing. Otherwise it removes only temporary files untouched for
 * {@link #TEMPORARY_AGE} (a write in progress keeps its file's modification time fresh) and
 * leaves folders for a start without other users: a registration in another process may be
 * about to write the row of a folder it just reused.
 */
public final class ArtifactLeftovers {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactLeftovers.class);
  /** In the store's hidden temporary folder; never removed while the store is in use. */
  static final String LOCK_FILE = "in-use.lock";
  /** A temporary file older than this is a leftover even while other processes use the store. */
  public static final Duration TEMPORARY_AGE = Duration.ofHours(1);

  private ArtifactLeftovers() {}

  /** How many leftovers of one kind were removed ({@code one} and {@code many} name the kind), and their size. */
  record Tally(String one, String many, int count, long bytes) {
    String describe() {
      return String.format(Locale.ROOT, "%d %s (%,d bytes)", count, count == 1 ? one : many, bytes);
    }
  }

  /**
   * Starts this process's use of the store, first removing leftovers; close the result when the
   * process stops using the store (its end releases it too).
   */
  public static FolderUse enter(FileArtifactStore store, MetadataStore metadata) {
    return FolderUse.enter(store.root().resolve(FileArtifactStore.TEMP_DIR).resolve(LOCK_FILE), alone -> {
      try {
        List<Tally> removed = remove(store, metadata, alone, System.currentTimeMillis());
        if (!removed.isEmpty()) {
          LOG.warn("removed leftovers of interrupted writes from the artifact store {}: {}", store.root(),
              String.join(", ", removed.stream().map(Tally::describe).toList()));
        }
      } catch (RuntimeException e) {
        // Tidying must never stop a process from using the workspace; the next start tries again.
        LOG.warn("could not remove leftovers from the artifact store {}: {}", store.root(), e.toString());
      }
    });
  }

  /**
   * As {@link #enter(FileArtifactStore, MetadataStore)} for a store on this machine's disk; any other
   * store keeps no temporary files here, and its use holds nothing.
   */
  public static FolderUse enter(ArtifactStore store, MetadataStore metadata) {
    return store instanceof FileArtifactStore files ? enter(files, metadata) : FolderUse.none();
  }

  /** Removes the leftovers (see the class comment); returns the kinds that had any. */
  static List<Tally> remove(FileArtifactStore store, MetadataStore metadata, boolean alone, long now) {
    List<Tally> removed = new ArrayList<>();
    add(removed, temporaryFiles(store.root().resolve(FileArtifactStore.TEMP_DIR),
        alone ? Long.MAX_VALUE : now - TEMPORARY_AGE.toMillis()));
    if (alone) {
      Set<String> sources = metadata.registry().listModelVersionSources();
      add(removed, unusedFolders(store, "models", "model folder without a version", "model folders without a version",
          sources::contains));
      // A uri_file version names its file, data/NAME/SHA256/FILE: its folder is in use.
      Set<String> assetFolders = new HashSet<>();
      for (String path : metadata.data().listDataAssetArtifactPaths()) {
        assetFolders.add(path);
        assetFolders.add(path.substring(0, Math.max(0, path.lastIndexOf('/'))));
      }
      add(removed, unusedFolders(store, "data", "data folder without an asset version",
          "data folders without an asset version", assetFolders::contains));
    }
    return removed;
  }

  private static void add(List<Tally> tallies, Tally tally) {
    if (tally.count() > 0) {
      tallies.add(tally);
    }
  }

  private static Tally temporaryFiles(Path temp, long modifiedBefore) {
    int count = 0;
    long bytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(temp)) {
      for (Path file : files) {
        if (file.getFileName().toString().equals(LOCK_FILE)) {
          continue;
        }
        try {
          BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
          if (attrs.isRegularFile() && attrs.lastModifiedTime().toMillis() < modifiedBefore
              && Files.deleteIfExists(file)) {
            count++;
            bytes += attrs.size();
          }
        } catch (NoSuchFileException e) {
          // Renamed into place or removed by another process meanwhile.
        }
      }
    } catch (NoSuchFileException e) {
      return new Tally("temporary file", "temporary files", 0, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + temp, e);
    }
    return new Tally("temporary file", "temporary files", count, bytes);
  }

  /** Folders PREFIX/NAME/SHA256 that {@code used} does not accept, removed with their digests. */
  private static Tally unusedFolders(FileArtifactStore store, String prefix, String one, String many,
      Predicate<String> used) {
    int count = 0;
    long bytes = 0;
    for (ArtifactFile name : store.list(prefix)) {
      if (!name.directory()) {
        continue;
      }
      for (ArtifactFile folder : store.list(name.path())) {
        if (!folder.directory() || used.test(folder.path())) {
          continue;
        }
        bytes += size(store.root().resolve(folder.path()));
        store.delete(folder.path());
        count++;
      }
      removeIfEmpty(store.root().resolve(name.path()));
      removeIfEmpty(store.root().resolve(FileArtifactStore.DIGEST_DIR).resolve(name.path()));
    }
    return new Tally(one, many, count, bytes);
  }

  private static long size(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void removeIfEmpty(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      if (entries.findAny().isEmpty()) {
        Files.deleteIfExists(folder);
      }
    } catch (IOException e) {
      // Not there, or not empty after all (another process wrote into it): keep it.
    }
  }
}
