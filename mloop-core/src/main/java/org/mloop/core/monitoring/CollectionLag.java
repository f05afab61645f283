package org.mloop.core.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.endpoints.CollectedDataFlush;

/**
 * Collected rows reach the workspace a few seconds after they are scored (data collectors write a
 * file at least every {@link CollectedDataFlush#MAX_WRITE_DELAY}), so a window ending just before a
 * run may miss rows that were scored in it. Before a monitor run reads such a window, the collectors
 * of this process (a server's scoring host) are asked to write what they hold; what remains unknown
 * (collectors of other processes, a store that fails) is said in the run's notes, never left to look
 * like a quiet window.
 */
final class CollectionLag {
  static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private CollectionLag() {}

  /**
   * Flushes {@code collectors} (null: none in this process) when the window [from, to) ends less than
   * the write delay before {@code now}, and returns the notes the run should carry (empty otherwise).
   */
  static List<String> settle(CollectedDataFlush collectors, long from, long to, long now) {
    long delay = CollectedDataFlush.MAX_WRITE_DELAY.toMillis();
    if (to <= now - delay) {
      return List.of();
    }
    long unsure = Math.max(from, now - delay);
    String since = time(unsure);
    String after = time(Math.min(to, now) + delay + 999); // rounded up to the second
    String seconds = CollectedDataFlush.MAX_WRITE_DELAY.toSeconds() + " s";
    List<String> notes = new ArrayList<>();
    if (collectors == null) {
      notes.add("data collectors write scored rows within " + seconds + " and none runs in this process: rows scored"
          + " after " + since + " may be missing from this run; a run after " + after + " includes them, as does a run"
          + " on the workspace server, which first writes what its own collector holds");
      return notes;
    }
    CollectedDataFlush.Result flushed = collectors.flush(FLUSH_TIMEOUT);
    if (!flushed.finished()) {
      notes.add("this server's data collector did not finish writing the rows it holds within "
          + FLUSH_TIMEOUT.toSeconds() + " s: rows it scored after " + since + " may be missing from this run");
    } else if (flushed.writtenRows() > 0) {
      notes.add("this server's data collector wrote the " + flushed.writtenRows() + " rows it held before the run"
          + " read the window");
    }
    if (flushed.heldRows() > 0) {
      notes.add("this server's data collector still holds " + flushed.heldRows() + " rows the artifact store did"
          + " not take (it retries them): they are missing from this run");
    }
    notes.add("scoring replicas in other processes write their rows within " + seconds + ": rows they scored after "
        + since + " may be missing; a run after " + after + " includes them");
    return notes;
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
