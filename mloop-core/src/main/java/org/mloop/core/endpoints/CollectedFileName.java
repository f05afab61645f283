package org.mloop.core.endpoints;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mloop.core.MloopException;

/**
 * The name of one file of collected data, relative to its deployment's folder:
 * {@code YYYY/MM/DD/HH/<hostId>-<firstTimestampMillis>-<seq>.jsonl}, the folder being the UTC hour
 * of the file's first record. The host id keeps replicas of an endpoint apart, the sequence number
 * keeps one host's files apart, so no two writers ever pick the same name.
 *
 * <p>A file holds records of its hour only (the collector starts a new file when a record belongs
 * to a later hour); a record may be slightly older than the file's first one, as requests finish
 * out of order, which {@link CollectedRecords} allows for.
 */
public record CollectedFileName(String hostId, long firstTimestamp, long seq) {
  public static final String SUFFIX = ".jsonl";
  private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern NAME = Pattern.compile("(?:.*/)?(.+)-(\\d{1,19})-(\\d{1,19})\\.jsonl");
  private static final long HOUR = 3_600_000L;

  public CollectedFileName {
    checkHostId(hostId);
    if (firstTimestamp < 0 || seq < 0) {
      throw new IllegalArgumentException("collected file name needs a non-negative timestamp and sequence, got "
          + firstTimestamp + " and " + seq);
    }
  }

  /** Host ids become part of file names: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
  public static String checkHostId(String hostId) {
    if (hostId == null || !HOST_ID.matcher(hostId).matches()) {
      throw MloopException.invalid("bad data collection host id '" + hostId
          + "': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. scoring-host-1");
    }
    return hostId;
  }

  /** The path relative to the deployment's collected-data folder. */
  public String path() {
    ZonedDateTime t = Instant.ofEpochMilli(firstTimestamp).atZone(ZoneOffset.UTC);
    return String.format("%04d/%02d/%02d/%02d/%s-%d-%d%s", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), hostId, firstTimestamp, seq, SUFFIX);
  }

  /** The start of the UTC hour of {@code timestampMillis}, in epoch millis. */
  public static long hourStart(long timestampMillis) {
    return Math.floorDiv(timestampMillis, HOUR) * HOUR;
  }

  /** The end (exclusive) of the UTC hour of {@code timestampMillis}, in epoch millis. */
  public static long hourEnd(long timestampMillis) {
    return hourStart(timestampMillis) + HOUR;
  }

  /** Reads a name written by {@link #path()}; empty for files named otherwise. */
  public static Optional<CollectedFileName> parse(String path) {
    Matcher m = NAME.matcher(path);
    if (!m.matches() || !HOST_ID.matcher(m.group(1)).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CollectedFileName(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
