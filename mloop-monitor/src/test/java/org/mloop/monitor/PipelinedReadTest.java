package org.mloop.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.endpoints.CollectedRecords;

class PipelinedReadTest {

  /** Part p holds {@code rows} records whose correlation ids are "p-0", "p-1", ... */
  private static List<CollectedRecords> parts(int count, int rows) {
    List<CollectedRecords> parts = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      StringBuilder lines = new StringBuilder();
      for (int r = 0; r < rows; r++) {
        lines.append("{\"correlation_id\":\"").append(p).append('-').append(r)
            .append("\",\"timestamp\":").append(1_000 + r).append(",\"inputs\":{\"x\":").append(r).append("}}\n");
      }
      byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
      parts.add(new CollectedRecords(List.of("part-" + p + ".jsonl"), path -> new ByteArrayInputStream(bytes)));
    }
    return parts;
  }

  private static List<String> ids(List<CollectedRecords> parts, int readers) {
    List<String> ids = new ArrayList<>();
    PipelinedRead.forEach(parts, null, null, readers, (CollectedRecord r) -> ids.add(r.correlationId()));
    return ids;
  }

  @Test
  void theCallerSeesTheRecordsInTheOrderOneThreadReadsThem() {
    List<String> sequential = new ArrayList<>();
    parts(7, 5_000).forEach(p -> p.forEach(null, null, r -> sequential.add(r.correlationId())));

    assertThat(sequential).hasSize(35_000);
    assertThat(ids(parts(7, 5_000), 1)).isEqualTo(sequential);
    assertThat(ids(parts(7, 5_000), 2)).isEqualTo(sequential);
    assertThat(ids(parts(7, 5_000), 3)).isEqualTo(sequential);
    assertThat(ids(parts(0, 10), 2)).isEmpty();
  }

  @Test
  void aPartThatCannotBeReadFailsTheReadWithItsReason() {
    List<CollectedRecords> parts = new ArrayList<>(parts(3, 3_000));
    parts.add(1, new CollectedRecords(List.of("gone.jsonl"), path -> {
      throw new IOException("no such file: " + path);
    }));

    assertThatThrownBy(() -> ids(parts, 2)).hasMessageContaining("gone.jsonl").hasMessageContaining("no such file");
  }

  /** A reader that dies of an Error (out of memory on a huge line) fails the run instead of hanging it. */
  @Test
  void aPartWhoseReaderRunsOutOfMemoryFailsTheReadInsteadOfHangingIt() {
    List<CollectedRecords> parts = new ArrayList<>(parts(3, 3_000));
    parts.add(1, new CollectedRecords(List.of("huge.jsonl"), path -> {
      throw new OutOfMemoryError("Java heap space");
    }));

    assertThatThrownBy(() -> ids(parts, 2)).hasMessageContaining("reading collected data failed")
        .hasMessageContaining("Java heap space");
  }

  @Test
  void aFailingCallerStopsTheReaders() {
    List<CollectedRecords> parts = parts(6, 10_000);
    int[] seen = new int[1];

    assertThatThrownBy(() -> PipelinedRead.forEach(parts, null, null, 2, r -> {
      if (++seen[0] == 5_000) {
        throw new IllegalStateException("statistics failed");
      }
    })).hasMessage("statistics failed");
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("mloop-monitor-reader"));
  }
}
