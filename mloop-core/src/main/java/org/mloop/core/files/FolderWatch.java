package org.mloop.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits for something other processes do to files (a job's log growing, a CI run's record being
 * rewritten) by watching the folders it happens in instead of sleeping between checks.
 *
 * <p>The condition is checked after the folders are watched, then again whenever a file in one of
 * them is created, changed or deleted. A folder that does not exist yet is watched through its
 * nearest existing parent, so its creation wakes the wait too. Events can be missed or merged
 * (and on some platforms the watch service itself polls), so each wait is also bounded by
 * {@link #RECHECK}, after which the condition is checked again anyway.
 */
public final class FolderWatch {
  /** The longest a wait goes without checking the condition, in case the watch service missed an event. */
  public static final Duration RECHECK = Duration.ofSeconds(1);

  private FolderWatch() {}

  /**
   * Returns what {@code check} gives once it gives something, checking whenever the folders
   * {@code folders} names (asked again after every wake) change; empty when {@code timeout}
   * passed first.
   */
  public static <T> Optional<T> await(Duration timeout, Supplier<? extends Collection<Path>> folders,
      Supplier<Optional<T>> check) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (WatchService service = FileSystems.getDefault().newWatchService()) {
      Map<Path, WatchKey> watched = new HashMap<>();
      while (true) {
        watch(service, watched, folders.get());
        Optional<T> result = check.get();
        long left = deadline - System.nanoTime();
        if (result.isPresent() || left <= 0) {
          return result;
        }
        WatchKey key = service.poll(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
        while (key != null) {
          key.pollEvents();
          key.reset(); // a key that cannot be reset (its folder was deleted) is dropped by watch()
          key = service.poll();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + folders.get() + " for changes: " + e.getMessage(), e);
    }
  }

  /** Watches the nearest existing folder of each of {@code wanted}, and no longer those that are not wanted. */
  private static void watch(WatchService service, Map<Path, WatchKey> watched, Collection<Path> wanted)
      throws IOException {
    Set<Path> targets = new LinkedHashSet<>();
    for (Path folder : wanted) {
      Path existing = nearestExisting(folder.toAbsolutePath().normalize());
      if (existing != null) {
        targets.add(existing);
      }
    }
    for (Iterator<Map.Entry<Path, WatchKey>> it = watched.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Path, WatchKey> entry = it.next();
      if (!entry.getValue().isValid() || !targets.contains(entry.getKey())) {
        entry.getValue().cancel();
        it.remove();
      }
    }
    for (Path target : targets) {
      if (!watched.containsKey(target)) {
        try {
          watched.put(target, target.register(service, StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
        } catch (NoSuchFileException gone) {
          // deleted since it was found: the next round watches its parent
        }
      }
    }
  }

  private static Path nearestExisting(Path folder) {
    Path at = folder;
    while (at != null && !Files.isDirectory(at)) {
      at = at.getParent();
    }
    return at;
  }
}
