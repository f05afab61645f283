package org.mloop.serving.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mloop.runtime.Predictions;
import org.mloop.serving.protocol.JsonBytes;

/**
 * Each collected line is exactly what Jackson writes for the same record (so the files read the same
 * as before the format was written by hand): escaping, integers, non-finite values, shortest doubles.
 */
class JsonLinesFormatTest {
  /** Jackson with the fast (shortest round-trip) double writer, as the collector used before. */
  private static final JsonMapper JACKSON = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  private final JsonLinesFormat format = new JsonLinesFormat();

  @Test
  void linesAreWhatJacksonWritesForTheSameRecordsWhateverTheValuesAndNames() throws Exception {
    Random random = new Random(42);
    List<String> columns = List.of("plain", "with \"quotes\"", "back\\slash", "tab\tand\nnewline", "é accent",
        "emoji \uD83D\uDE00", "ctrl\u0001");
    double[] specials = {0, -0.0, 1, -1, 3, 1e15, -1e15, 1e15 + 1, 123456789012345.0, 0.1, 0.2, 1.0 / 3, 1e-5, 1.5e-300,
        2e23, 1e22, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        43.50972593, 1.21, Long.MAX_VALUE, (double) Long.MIN_VALUE};
    for (int batch = 0; batch < 200; batch++) {
      int rows = 1 + random.nextInt(4);
      double[][] data = new double[rows][];
      List<String> labels = new ArrayList<>();
      double[][] probabilities = new double[rows][];
      for (int r = 0; r < rows; r++) {
        data[r] = new double[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
          data[r][c] = random.nextBoolean() ? specials[random.nextInt(specials.length)]
              : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        }
        labels.add(r == 1 ? "" : random.nextBoolean() ? "1" : "label \"" + r + "\" ü");
        probabilities[r] = r == 2 ? null : new double[] {random.nextDouble(), random.nextDouble()};
      }
      String requestId = batch % 3 == 0 ? "req-" + batch : batch % 3 == 1 ? "id with \"quote\" and ☃" : "tab\there";
      long timestamp = Instant.parse("2026-11-26T15:00:00.123Z").toEpochMilli() + batch * 3_600_001L;
      CollectedBatch b = new CollectedBatch("endpoint-" + batch % 2, "blue", "diab\"etes", 7 + batch % 3, requestId,
          timestamp, columns, data, new Predictions(List.of("0", "class \"1\""), labels, probabilities));

      JsonBytes out = new JsonBytes(16);
      format.append(b, out);
      assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(jackson(b));
    }
  }

  @Test
  void aRowShorterThanItsColumnsIsRefusedBeforeAnythingIsWritten() {
    CollectedBatch good = RollingDataCollectorTest.batch("ok", 0, 1);
    CollectedBatch shortRow = new CollectedBatch("e", "d", "m", 1, "x", 0, good.columns(),
        new double[][] {good.rows()[0], {1, 2}}, good.predictions());
    JsonBytes out = new JsonBytes(16);
    assertThatThrownBy(() -> format.append(shortRow, out)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 values for 8 columns");
    assertThat(out.size()).isZero();
  }

  /** The line as Jackson writes the record built field by field. */
  private static String jackson(CollectedBatch b) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int r = 0; r < b.rows().length; r++) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("correlation_id", b.requestId());
      record.put("row", r);
      record.put("timestamp", java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC).format(Instant.ofEpochMilli(b.timestamp())));
      record.put("endpoint", b.endpoint());
      record.put("deployment", b.deployment());
      record.put("model", b.modelName());
      record.put("model_version", b.modelVersion());
      Map<String, Object> inputs = new LinkedHashMap<>();
      for (int c = 0; c < b.columns().size(); c++) {
        inputs.put(b.columns().get(c), value(b.rows()[r][c]));
      }
      record.put("inputs", inputs);
      Map<String, Object> outputs = new LinkedHashMap<>();
      outputs.put("label", b.predictions().labels().get(r));
      double[] p = b.predictions().probabilities()[r];
      if (p != null) {
        Map<String, Object> byClass = new LinkedHashMap<>();
        for (int k = 0; k < p.length; k++) {
          byClass.put(b.predictions().classes().get(k), value(p[k]));
        }
        outputs.put("probabilities", byClass);
      }
      record.put("outputs", outputs);
      lines.append(JACKSON.writeValueAsString(record)).append('\n');
    }
    return lines.toString();
  }

  private static Object value(double v) {
    if (!Double.isFinite(v)) {
      return null;
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
  }
}
