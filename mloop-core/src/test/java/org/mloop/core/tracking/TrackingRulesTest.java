package org.mloop.core.tracking;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;

class TrackingRulesTest {

  @Test
  void acceptsMlflowKeyCharacters() {
    for (String key : List.of("AUC", "val_loss", "a-b", "a.b", "with space", "train/loss", "sys:cpu", "Ämne", "x".repeat(250))) {
      assertThatCode(() -> TrackingRules.checkMetricKey(key)).as(key).doesNotThrowAnyException();
    }
  }

  @Test
  void rejectsBadCharacters() {
    assertThatThrownBy(() -> TrackingRules.checkParamKey("a=b"))
        .isInstanceOf(MloopException.class)
        .hasMessageContainingAll("param key 'a=b'", "alphanumerics");
  }

  @Test
  void rejectsKeysThatResolveToOtherPaths() {
    for (String key : List.of("/abs", "a/../b", "..", "../x", "a//b", "a/", "./a", "a/.", ".")) {
      assertThatThrownBy(() -> TrackingRules.checkTagKey(key)).as(key)
          .isInstanceOf(MloopException.class)
          .hasMessageContaining("must not resolve to other names");
    }
  }

  @Test
  void rejectsMissingKeys() {
    assertThatThrownBy(() -> TrackingRules.checkMetricKey("")).hasMessageContaining("key name must be provided");
    assertThatThrownBy(() -> TrackingRules.checkMetricKey(null)).hasMessageContaining("key name must be provided");
  }

  @Test
  void keyLengthLimitNamesKeyAndLimit() {
    assertThatThrownBy(() -> TrackingRules.checkMetricKey("k".repeat(251)))
        .hasMessageContainingAll("Metric key 'kkk", "length 251", "limit of 250");
  }

  @Test
  void valueLengthLimits() {
    assertThatCode(() -> TrackingRules.checkParam(new Param("p", "v".repeat(6000)))).doesNotThrowAnyException();
    assertThatThrownBy(() -> TrackingRules.checkParam(new Param("p", "v".repeat(6001))))
        .hasMessageContainingAll("Param value for key 'p'", "length 6001", "limit of 6000");
    assertThatCode(() -> TrackingRules.checkTag(new RunTag("t", "v".repeat(8000)))).doesNotThrowAnyException();
    assertThatThrownBy(() -> TrackingRules.checkTag(new RunTag("t", "v".repeat(8001))))
        .hasMessageContainingAll("Tag value for key 't'", "limit of 8000");
  }

  @Test
  void batchLimits() {
    List<Metric> metrics1000 = IntStream.range(0, 1000).mapToObj(i -> new Metric("m", i, 0, i)).toList();
    List<Param> params100 = IntStream.range(0, 100).mapToObj(i -> new Param("p" + i, "v")).toList();
    List<RunTag> tags100 = IntStream.range(0, 100).mapToObj(i -> new RunTag("t" + i, "v")).toList();
    assertThatCode(() -> TrackingRules.checkBatch(metrics1000, List.of(), null)).doesNotThrowAnyException();
    assertThatCode(() -> TrackingRules.checkBatch(metrics1000.subList(0, 800), params100, tags100))
        .doesNotThrowAnyException();

    List<Metric> metrics1001 = IntStream.range(0, 1001).mapToObj(i -> new Metric("m", i, 0, i)).toList();
    assertThatThrownBy(() -> TrackingRules.checkBatch(metrics1001, null, null))
        .hasMessageContainingAll("at most 1000 metrics", "Got 1001 metrics");
    List<Param> params101 = IntStream.range(0, 101).mapToObj(i -> new Param("p" + i, "v")).toList();
    assertThatThrownBy(() -> TrackingRules.checkBatch(null, params101, null))
        .hasMessageContaining("at most 100 params");
    List<RunTag> tags101 = IntStream.range(0, 101).mapToObj(i -> new RunTag("t" + i, "v")).toList();
    assertThatThrownBy(() -> TrackingRules.checkBatch(null, null, tags101))
        .hasMessageContaining("at most 100 tags");
    assertThatThrownBy(() -> TrackingRules.checkBatch(metrics1000.subList(0, 801), params100, tags100))
        .hasMessageContainingAll("at most 1000 metrics, params, and tags", "Got 1001");
  }

  @Test
  void duplicateParamKeysInOneBatch() {
    assertThatThrownBy(() -> TrackingRules.checkBatch(null, List.of(new Param("a", "1"), new Param("a", "1")), null))
        .hasMessageContaining("Duplicate parameter keys have been submitted: [a]");
  }

  @Test
  void negativeTimestampIsRejected() {
    assertThatThrownBy(() -> TrackingRules.checkMetric(new Metric("m", 1, -1, 0)))
        .hasMessageContainingAll("timestamp -1", "'m'");
    assertThatCode(() -> TrackingRules.checkBatch(List.of(new Metric("m", Double.NaN, 0, -5)), null, Collections.emptyList()))
        .doesNotThrowAnyException();
  }
}
