package org.mloop.core.endpoints;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the production data a deployment collected, one {@link CollectedRecord} at a time, so a
 * window of any size is streamed and never held in memory.
 *
 * <p>The files (named as {@link CollectedFileName} says) are JSON Lines, one object per scored row:
 * <pre>{@code
 * {"correlation_id": "<request id>", "row": 0, "timestamp": "2026-11-26T15:00:00.123Z",
 *  "endpoint": "diabetes-prod", "deployment": "blue", "model": "diabetes", "model_version": 7,
 *  "inputs": {"Pregnancies": 0, "PlasmaGlucose": 171, ..., "DiabetesPedigree": 1.21, "Age": 21},
 *  "outputs": {"label": "1", "probabilities": {"0": 0.2, "1": 0.8}}}
 * }</pre>
 * {@code timestamp} is when the request arrived (UTC, milliseconds; epoch millis as a number are read
 * too); {@code row} is the row's index in its request; inputs are in the model signature's order,
 * integer values written without a fraction, and null where a value was not finite. Unknown fields
 * are ignored, so the format can grow. A line that cannot be read is skipped, logged and counted
 * ({@link #malformedLines()}) rather than failing a whole monitoring window.
 *
 * <p>Windows are [from, to): {@code from} inclusive, {@code to} exclusive, null meaning unbounded.
 * Files are chosen by their names first (a file holds records of its first record's UTC hour, and at
 * most {@link #MAX_LATENESS_MILLIS} older than its first record), then records by their timestamps.
 */
public final class CollectedRecords {
  /** How much older than its file's first record a record may be: requests finish, and are collected, out of order. */
  public static final long MAX_LATENESS_MILLIS = 5 * 60_000L;

  private static final Logger LOG = LoggerFactory.getLogger(CollectedRecords.class);
  private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /** Opens one collected file by its path (relative to the deployment's folder). */
  @FunctionalInterface
  public interface Opener {
    InputStream open(String path) throws IOException;
  }

  private final List<String> paths;
  private final Opener opener;
  private final AtomicLong malformed = new AtomicLong();

  public CollectedRecords(List<String> paths, Opener opener) {
    this.paths = List.copyOf(paths);
    this.opener = opener;
  }

  /** The records a deployment collected into a workspace (listed once, now). */
  public static CollectedRecords of(EndpointService endpoints, String endpoint, String deployment) {
    List<String> paths = new ArrayList<>();
    for (ArtifactFile f : endpoints.listCollectedData(endpoint, deployment)) {
      if (!f.directory() && f.path().endsWith(CollectedFileName.SUFFIX)) {
        paths.add(f.path());
      }
    }
    return new CollectedRecords(paths, p -> endpoints.openCollectedData(endpoint, deployment, p));
  }

  /** The files that may hold records of [from, to), oldest first; files named otherwise are always included. */
  public List<String> files(Instant from, Instant to) {
    long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
    long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli();
    record Candidate(String path, long first) {}
    List<Candidate> picked = new ArrayList<>();
    for (String path : paths) {
      Optional<CollectedFileName> name = CollectedFileName.parse(path);
      if (name.isEmpty()) {
        picked.add(new Candidate(path, Long.MIN_VALUE));
        continue;
      }
      long first = name.get().firstTimestamp();
      boolean endsAfterFrom = CollectedFileName.hourEnd(first) > lo;
      boolean startsBeforeTo = first - MAX_LATENESS_MILLIS < hi;
      if (endsAfterFrom && startsBeforeTo) {
        picked.add(new Candidate(path, first));
      }
    }
    picked.sort(Comparator.comparingLong(Candidate::first).thenComparing(Candidate::path));
    return picked.stream().map(Candidate::path).toList();
  }

  /** Hands every record of [from, to) to {@code action}, file by file; returns how many there were. */
  public long forEach(Instant from, Instant to, Consumer<? super CollectedRecord> action) {
    long n = 0;
    try (RecordIterator it = new RecordIterator(files(from, to), from, to)) {
      while (it.hasNext()) {
        action.accept(it.next());
        n++;
      }
    }
    return n;
  }

  /** The records of [from, to), read lazily; close the stream to close the file being read. */
  public Stream<CollectedRecord> stream(Instant from, Instant to) {
    RecordIterator it = new RecordIterator(files(from, to), from, to);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(it::close);
  }

  /** Lines skipped so far because they were not a readable record. */
  public long malformedLines() {
    return malformed.get();
  }

  private final class RecordIterator implements Iterator<CollectedRecord>, AutoCloseable {
    private final Iterator<String> files;
    private final long lo;
    private final long hi;
    private final TimestampCache timestamps = new TimestampCache();
    private BufferedReader reader;
    private String path;
    private long lineNumber;
    private boolean loggedMalformed;
    private CollectedRecord next;

    RecordIterator(List<String> files, Instant from, Instant to) {
      this.files = files.iterator();
      this.lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
      this.hi = to == null ? Long.MAX_VALUE : to.toEpochMilli();
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        String line = readLine();
        if (line == null) {
          return false;
        }
        if (line.isBlank()) {
          continue;
        }
        CollectedRecord r = parse(line);
        if (r != null && r.timestamp() >= lo && r.timestamp() < hi) {
          next = r;
        }
      }
      return true;
    }

    @Override
    public CollectedRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      CollectedRecord r = next;
      next = null;
      return r;
    }

    /** The next line of the current file, moving on to the next file at its end; null after the last. */
    private String readLine() {
      try {
        while (true) {
          if (reader == null) {
            if (!files.hasNext()) {
              return null;
            }
            path = files.next();
            lineNumber = 0;
            loggedMalformed = false;
            reader = new BufferedReader(new InputStreamReader(opener.open(path), StandardCharsets.UTF_8), 1 << 16);
          }
          String line = reader.readLine();
          if (line != null) {
            lineNumber++;
            return line;
          }
          reader.close();
          reader = null;
        }
      } catch (IOException e) {
        throw new MloopException(ErrorCode.INTERNAL_ERROR, "cannot read collected data file '" + path + "': "
            + e.getMessage(), e);
      }
    }

    private CollectedRecord parse(String line) {
      try {
        return readRecord(line, timestamps);
      } catch (IOException | RuntimeException e) {
        malformed.incrementAndGet();
        if (!loggedMalformed) {
          loggedMalformed = true;
          LOG.warn("Skipping unreadable line {} of collected data file '{}' (further ones in this file are only counted): {}",
              lineNumber, path, e.getMessage());
        }
        return null;
      }
    }

    @Override
    public void close() {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          reader = null;
        }
      }
    }
  }

  /** Parses one line; throws when it is not a record with a timestamp. */
  static CollectedRecord readRecord(String line, TimestampCache timestamps) throws IOException {
    String correlationId = null;
    String endpoint = null;
    String deployment = null;
    String model = null;
    String label = null;
    int row = 0;
    int modelVersion = 0;
    long timestamp = Long.MIN_VALUE;
    Map<String, Object> inputs = Map.of();
    Map<String, Double> probabilities = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "correlation_id" -> correlationId = p.getValueAsString();
          case "row" -> row = p.getValueAsInt();
          case "timestamp" -> timestamp = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : timestamps.millis(p.getText());
          case "endpoint" -> endpoint = p.getValueAsString();
          case "deployment" -> deployment = p.getValueAsString();
          case "model" -> model = p.getValueAsString();
          case "model_version" -> modelVersion = p.getValueAsInt();
          case "inputs" -> inputs = readInputs(p, t);
          case "outputs" -> {
            expect(t, JsonToken.START_OBJECT, "\"outputs\" to be an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              JsonToken v = p.nextToken();
              if (name.equals("label")) {
                label = p.getValueAsString();
              } else if (name.equals("probabilities") && v == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                  String cls = p.currentName();
                  p.nextToken();
                  probabilities.put(cls, p.getValueAsDouble(Double.NaN));
                }
              } else {
                p.skipChildren();
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalArgumentException("the record has no \"timestamp\"");
    }
    return new CollectedRecord(correlationId, row, timestamp, endpoint, deployment, model, modelVersion, inputs, label,
        probabilities);
  }

  private static Map<String, Object> readInputs(JsonParser p, JsonToken start) throws IOException {
    expect(start, JsonToken.START_OBJECT, "\"inputs\" to be an object");
    Map<String, Object> inputs = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String column = p.currentName();
      JsonToken v = p.nextToken();
      Object value = switch (v) {
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
        case VALUE_STRING -> p.getText();
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> {
          p.skipChildren();
          yield null;
        }
      };
      inputs.put(column, value);
    }
    return inputs;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw new IllegalArgumentException("expected " + what + ", found " + actual);
    }
  }

  /** Rows of one request share a timestamp, so the last parsed one is kept. */
  static final class TimestampCache {
    private String text;
    private long millis;

    long millis(String value) {
      if (!value.equals(text)) {
        try {
          millis = Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("bad \"timestamp\" '" + value + "': expected e.g. 2026-11-26T15:00:00.123Z");
        }
        text = value;
      }
      return millis;
    }
  }
}
