package org.mloop.core.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;
import org.mloop.core.json.ApiJson;
import org.mloop.core.json.Json;

class DurationsTest {

  @Test
  void durationsAreReadAsPeopleWriteThem() {
    assertThat(Durations.parse("24h", "--window")).isEqualTo(Duration.ofHours(24));
    assertThat(Durations.parse("15m", "--every")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("1h30m", "--every")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("7d", "--window")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("45s", "--every")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Durations.parse("PT2H", "--every")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse(" 2H ", "--every")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void badDurationsNameTheFieldAndShowTheForm() {
    for (String bad : List.of("", "24", "h", "1x", "1h 30m", "-1h", "PTx")) {
      assertThatThrownBy(() -> Durations.parse(bad, "--window")).isInstanceOf(MloopException.class)
          .hasMessageContaining("--window").hasMessageContaining("24h");
    }
  }

  @Test
  void durationsAreWrittenInTheirLargestExactUnit() {
    assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("24h");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void aSpecTravelsAsJsonWithSignalIdsAndReadableDurations() throws Exception {
    MonitorSpec spec = new MonitorSpec("diabetes-prod-monitor", "diabetes-prod", null,
        List.of(Signal.DATA_DRIFT, Signal.MODEL_PERFORMANCE),
        new Thresholds(Map.of(Thresholds.WASSERSTEIN, 0.2), Map.of()), Duration.ofHours(1), null, List.of());
    String api = ApiJson.write(spec);
    assertThat(api).contains("\"signals\":[\"data_drift\",\"model_performance\"]").contains("\"every\":\"1h\"")
        .contains("\"window\":\"24h\"");
    assertThat(ApiJson.mapper().readValue(api, MonitorSpec.class)).isEqualTo(spec);
    assertThat(Json.read(Json.write(spec), MonitorSpec.class)).isEqualTo(spec);
    assertThat(ApiJson.mapper().readValue("{\"name\":\"m-1\",\"endpoint\":\"e\",\"signals\":[\"DATA_QUALITY\"],"
        + "\"window\":\"PT6H\",\"webhooks\":[]}", MonitorSpec.class).window()).isEqualTo(Duration.ofHours(6));
    MonitorSpec minimal = ApiJson.mapper().readValue("{\"name\":\"m-1\",\"endpoint\":\"e\","
        + "\"thresholds\":{\"overrides\":{\"null_rate\":0.01}}}", MonitorSpec.class);
    assertThat(minimal.signals()).as("absent lists are empty, refused later with a message").isEmpty();
    assertThat(minimal.webhooks()).isEmpty();
    assertThat(minimal.thresholds().get(Thresholds.NULL_RATE)).isEqualTo(0.01);
    assertThatThrownBy(() -> ApiJson.read(ApiJson.mapper().readTree("{\"name\":\"m-1\",\"endpoint\":\"e\","
        + "\"signals\":[\"drift\"],\"webhooks\":[]}"), MonitorSpec.class, "monitor spec"))
        .isInstanceOf(MloopException.class).hasMessageContaining("unknown monitoring signal 'drift'");
  }
}
