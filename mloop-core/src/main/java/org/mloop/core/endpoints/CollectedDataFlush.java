package org.mloop.core.endpoints;

import java.time.Duration;

/**
 * Asks the production data collectors running in this process (a workspace server's scoring host) to
 * write the scored rows they hold now, rather than within {@link #MAX_WRITE_DELAY} as they do on
 * their own, so that a monitor run reading a window that ends now sees every row scored before it.
 * A workspace without one (a command working on a workspace directory, whose endpoints are scored by
 * other processes) can only say which rows may be missing.
 */
@FunctionalInterface
public interface CollectedDataFlush {
  /** A collector writes a file at the latest this long after the file's first row (unless its store fails). */
  Duration MAX_WRITE_DELAY = Duration.ofSeconds(10);

  /**
   * Writes every row the collectors hold, waiting at most {@code timeout}.
   *
   * @return the rows written now; the rows still held (their store refuses them for now and they are
   *     retried later); and whether the collectors finished within the timeout (when not, both
   *     counts are 0: what they hold is not known)
   */
  Result flush(Duration timeout);

  record Result(long writtenRows, long heldRows, boolean finished) {}
}
