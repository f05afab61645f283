package org.mloop.serving.collect;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.runtime.Predictions;
import org.mloop.serving.protocol.JsonBytes;

/**
 * The collected-data line format ({@link CollectedRecords} documents and reads it), one JSON object
 * per row of a scored request:
 * <pre>{@code
 * {"correlation_id":"<requestId>","row":0,"timestamp":"2026-11-26T15:00:00.123Z","endpoint":"diabetes-prod",
 *  "deployment":"blue","model":"diabetes","model_version":7,
 *  "inputs":{"Pregnancies":0,"PlasmaGlucose":171,...,"DiabetesPedigree":1.21,"Age":21},
 *  "outputs":{"label":"1","probabilities":{"0":0.2,"1":0.8}}}
 * }</pre>
 * Inputs follow the batch's column order; integer values are written as integers (a count reads as
 * 3, not 3.0), non-finite ones as null (JSON has no NaN), others as the shortest decimal that reads
 * back as the same double. Text is escaped as Jackson escapes it. The timestamp is the batch's (the
 * request's arrival), UTC with milliseconds.
 *
 * <p>Written byte by byte rather than through a generator: everything but the request id and the
 * values repeats from row to row (the part from the timestamp to {@code "inputs":{}, the column names,
 * the class names), so it is escaped and encoded once and copied. One instance per writer thread.
 */
final class JsonLinesFormat {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final byte[] CORRELATION_ID = ascii("{\"correlation_id\":\"");
  private static final byte[] ROW = ascii("\",\"row\":");
  private static final byte[] TIMESTAMP_FIELD = ascii(",\"timestamp\":\"");
  private static final byte[] OUTPUTS = ascii("},\"outputs\":{\"label\":");
  private static final byte[] PROBABILITIES = ascii(",\"probabilities\":{");
  private static final byte[] NULL = ascii("null");
  /** Bounds each cache, so odd inputs (thousands of distinct labels) cannot hold memory. */
  private static final int MAX_CACHED = 10_000;

  private final Map<String, byte[]> quoted = new HashMap<>();
  private final Map<Object, byte[][]> fieldNames = new HashMap<>();
  private final Map<Deployed, byte[]> deployed = new HashMap<>();
  private long lastTimestamp = Long.MIN_VALUE;
  private byte[] lastTimestampText;
  private List<String> lastColumns;
  private byte[][] lastColumnNames;
  private List<String> lastClasses;
  private byte[][] lastClassNames;
  private Deployed lastDeployed;
  private byte[] lastDeployedText;

  /** The part of a record from the deployment's names to {@code "inputs":{}: the same for all its rows. */
  private record Deployed(String endpoint, String deployment, String model, int version) {}

  /**
   * Appends the batch's rows, one line each, to {@code out}; a batch whose rows do not match its
   * columns throws before anything is appended (the caller drops and counts it).
   */
  void append(CollectedBatch b, JsonBytes out) {
    List<String> columns = b.columns();
    double[][] rows = b.rows();
    for (double[] row : rows) {
      if (row == null || row.length < columns.size()) {
        throw new IllegalArgumentException("a row has " + (row == null ? 0 : row.length) + " values for "
            + columns.size() + " columns");
      }
    }
    byte[] id = quote(b.requestId(), false);
    byte[] timestamp = timestampText(b.timestamp());
    byte[] deployment = deployed(b);
    byte[][] names = columnNames(columns);
    Predictions p = b.predictions();
    List<String> labels = p.labels();
    double[][] probabilities = p.probabilities();
    byte[][] classes = probabilities == null ? null : classNames(p.classes());
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      out.append(CORRELATION_ID).append(id).append(ROW).appendLong(r)
          .append(TIMESTAMP_FIELD).append(timestamp).append(deployment);
      for (int c = 0; c < names.length; c++) {
        out.append(names[c]);
        value(out, row[c]);
      }
      out.append(OUTPUTS);
      String label = r < labels.size() ? labels.get(r) : null;
      if (label == null) {
        out.append(NULL);
      } else {
        out.append((byte) '"').append(quote(label, true)).append((byte) '"');
      }
      if (probabilities != null && r < probabilities.length && probabilities[r] != null) {
        double[] classProbabilities = probabilities[r];
        out.append(PROBABILITIES);
        for (int k = 0; k < classes.length && k < classProbabilities.length; k++) {
          out.append(classes[k]);
          value(out, classProbabilities[k]);
        }
        out.append((byte) '}');
      }
      out.append((byte) '}').append((byte) '}').append((byte) '\n');
    }
  }

  /** {@code ","endpoint":"...",...,"model_version":7,"inputs":{}, after the timestamp. */
  private byte[] deployed(CollectedBatch b) {
    Deployed d = lastDeployed;
    if (d == null || d.version != b.modelVersion() || !d.endpoint.equals(b.endpoint())
        || !d.deployment.equals(b.deployment()) || !d.model.equals(b.modelName())) {
      d = new Deployed(b.endpoint(), b.deployment(), b.modelName(), b.modelVersion());
      byte[] text = deployed.get(d);
      if (text == null) {
        text = new JsonBytes(128).append(ascii("\",\"endpoint\":\"")).append(quote(d.endpoint, true))
            .append(ascii("\",\"deployment\":\"")).append(quote(d.deployment, true))
            .append(ascii("\",\"model\":\"")).append(quote(d.model, true))
            .append(ascii("\",\"model_version\":")).appendLong(d.version)
            .append(ascii(",\"inputs\":{")).toByteArray();
        if (deployed.size() >= MAX_CACHED) {
          deployed.clear();
        }
        deployed.put(d, text);
      }
      lastDeployed = d;
      lastDeployedText = text;
    }
    return lastDeployedText;
  }

  /** Rows of a request, and often consecutive requests, share a timestamp: it is formatted once. */
  private byte[] timestampText(long millis) {
    if (millis != lastTimestamp) {
      lastTimestampText = ascii(TIMESTAMP.format(Instant.ofEpochMilli(millis)));
      lastTimestamp = millis;
    }
    return lastTimestampText;
  }

  /**
   * {@code "a":}, {@code ,"b":}, ...: the field names of a list of columns or classes, kept per list
   * (a host's batches share their signature's list, so the lookup is usually by identity).
   */
  private byte[][] fieldNames(List<String> names) {
    if (names == lastColumns) {
      return lastColumnNames;
    }
    if (names == lastClasses) {
      return lastClassNames;
    }
    byte[][] cached = fieldNames.get(names);
    if (cached == null) {
      cached = new byte[names.size()][];
      for (int i = 0; i < cached.length; i++) {
        JsonBytes name = new JsonBytes(names.get(i).length() + 4);
        if (i > 0) {
          name.append((byte) ',');
        }
        cached[i] = name.append((byte) '"').append(quote(names.get(i), true)).append((byte) '"')
            .append((byte) ':').toByteArray();
      }
      if (fieldNames.size() >= MAX_CACHED) {
        fieldNames.clear();
      }
      fieldNames.put(List.copyOf(names), cached);
    }
    return cached;
  }

  /** The field names of a batch's columns: by identity first (the list is its signature's). */
  private byte[][] columnNames(List<String> columns) {
    if (columns != lastColumns) {
      lastColumnNames = fieldNames(columns);
      lastColumns = columns;
    }
    return lastColumnNames;
  }

  /** The field names of a batch's classes: by identity first (the list is its predictor's). */
  private byte[][] classNames(List<String> classes) {
    if (classes != lastClasses) {
      lastClassNames = fieldNames(classes);
      lastClasses = classes;
    }
    return lastClassNames;
  }

  /** The text's JSON-escaped UTF-8 bytes, without quotes; kept for text that repeats. */
  private byte[] quote(String s, boolean cache) {
    if (!cache) {
      return JsonBytes.quoteAsUtf8(s);
    }
    byte[] q = quoted.get(s);
    if (q == null) {
      if (quoted.size() >= MAX_CACHED) {
        quoted.clear();
      }
      q = JsonBytes.quoteAsUtf8(s);
      quoted.put(s, q);
    }
    return q;
  }

  /** Integer values as integers, non-finite ones as null, others as the shortest round-tripping decimal. */
  private static void value(JsonBytes out, double v) {
    if (!Double.isFinite(v)) {
      out.append(NULL);
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      out.appendLong((long) v);
    } else {
      out.appendDouble(v);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
