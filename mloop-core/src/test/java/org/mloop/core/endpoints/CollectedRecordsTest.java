package org.mloop.core.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;

class CollectedRecordsTest {
  static final long T = Instant.parse("2026-11-26T15:00:00.123Z").toEpochMilli();

  final Map<String, String> files = new LinkedHashMap<>();
  final List<String> opened = new ArrayList<>();

  CollectedRecords records() {
    return new CollectedRecords(List.copyOf(files.keySet()), path -> {
      opened.add(path);
      String content = files.get(path);
      if (content == null) {
        throw new FileNotFoundException(path);
      }
      return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    });
  }

  static String line(String id, String timestamp) {
    return "{\"correlation_id\":\"" + id + "\",\"row\":0,\"timestamp\":\"" + timestamp + "\",\"endpoint\":\"e\","
        + "\"deployment\":\"blue\",\"model\":\"diabetes\",\"model_version\":3,\"inputs\":{\"Age\":21,\"BMI\":43.5},"
        + "\"outputs\":{\"label\":\"1\",\"probabilities\":{\"0\":0.2,\"1\":0.8}}}\n";
  }

  @Test
  void fileNamesCarryHourHostFirstTimestampAndSequence() {
    CollectedFileName name = new CollectedFileName("scoring-7f9c-4211", T, 12);
    assertThat(name.path()).isEqualTo("2026/11/26/15/scoring-7f9c-4211-" + T + "-12.jsonl");
    assertThat(CollectedFileName.parse(name.path())).contains(name);
    assertThat(CollectedFileName.parse("2026/11/26/15/notes.txt")).isEmpty();
    assertThatThrownBy(() -> new CollectedFileName("a/b", T, 0)).isInstanceOf(MloopException.class)
        .hasMessageContaining("host id 'a/b'");
  }

  @Test
  void aRecordReadsBackWithItsInputsAndOutputs() {
    files.put(new CollectedFileName("h", T, 0).path(), line("req-1", "2026-11-26T15:00:00.123Z"));
    List<CollectedRecord> all = new ArrayList<>();
    records().forEach(null, null, all::add);
    assertThat(all).singleElement().satisfies(r -> {
      assertThat(r.correlationId()).isEqualTo("req-1");
      assertThat(r.timestamp()).isEqualTo(T);
      assertThat(r.deployment()).isEqualTo("blue");
      assertThat(r.modelVersion()).isEqualTo(3);
      assertThat(r.inputs()).containsExactly(Map.entry("Age", 21.0), Map.entry("BMI", 43.5));
      assertThat(r.input("Missing")).isNaN();
      assertThat(r.label()).isEqualTo("1");
      assertThat(r.probability("1")).isEqualTo(0.8);
    });
  }

  @Test
  void unreadableLinesAreSkippedAndCountedNotFatal() {
    files.put(new CollectedFileName("h", T, 0).path(), line("a", "2026-11-26T15:00:00.123Z") + "{\"row\": tru\n"
        + "{\"correlation_id\":\"no-timestamp\"}\n" + "\n" + line("b", "2026-11-26T15:00:01Z"));
    CollectedRecords records = records();
    List<String> ids = new ArrayList<>();
    records.forEach(null, null, r -> ids.add(r.correlationId()));
    assertThat(ids).containsExactly("a", "b");
    assertThat(records.malformedLines()).isEqualTo(2);
  }

  @Test
  void filesWhoseHourCannotOverlapTheWindowAreNotOpened() {
    long hour = 3_600_000;
    String early = new CollectedFileName("h", T - 2 * hour, 0).path();
    String inWindow = new CollectedFileName("h", T - hour, 1).path();
    String late = new CollectedFileName("h", T + 2 * hour, 2).path();
    files.put(late, line("late", "2026-11-26T17:00:00.123Z"));
    files.put(early, line("early", "2026-11-26T13:00:00.123Z"));
    files.put(inWindow, line("in", "2026-11-26T14:00:00.123Z"));
    // a file starting just after the window may hold a slightly older record, finished late
    String startsAfter = new CollectedFileName("h", T + 60_000, 3).path();
    files.put(startsAfter, line("finished-late", "2026-11-26T14:59:59.000Z"));

    CollectedRecords records = records();
    List<String> ids = new ArrayList<>();
    long n = records.forEach(Instant.parse("2026-11-26T14:00:00Z"), Instant.parse("2026-11-26T15:00:00Z"),
        r -> ids.add(r.correlationId()));
    assertThat(n).isEqualTo(2);
    assertThat(ids).containsExactly("in", "finished-late");
    assertThat(opened).containsExactly(inWindow, startsAfter);
  }

  @Test
  void filesNamedOtherwiseAreReadAndFilteredByTheirRecords() {
    files.put("imported/old.jsonl", line("x", "2026-11-26T15:00:00.123Z") + line("y", "2020-01-01T00:00:00Z"));
    List<String> ids = new ArrayList<>();
    records().forEach(Instant.parse("2026-01-01T00:00:00Z"), null, r -> ids.add(r.correlationId()));
    assertThat(ids).containsExactly("x");
  }

  @Test
  void aFileThatCannotBeOpenedIsAnErrorNamingIt() {
    CollectedRecords records = new CollectedRecords(List.of("2026/11/26/15/h-" + T + "-0.jsonl"), path -> {
      throw new FileNotFoundException("gone");
    });
    assertThatThrownBy(() -> records.forEach(null, null, r -> {})).isInstanceOf(MloopException.class)
        .hasMessageContaining("h-" + T + "-0.jsonl");
  }
}
