package org.mloop.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChampionGateTest {
  private final ChampionGate auc = ChampionGate.forMetric("AUC", 0.0);

  @Test
  void aBetterOrEqualCandidatePassesAndAWorseOneIsBlocked() {
    assertThat(auc.judge("diabetes:2", 0.90, "diabetes:1", 0.85).passed()).isTrue();
    assertThat(auc.judge("diabetes:2", 0.85, "diabetes:1", 0.85).passed()).isTrue();
    ChampionGate.Verdict worse = auc.judge("diabetes:2", 0.80, "diabetes:1", 0.85);
    assertThat(worse.passed()).isFalse();
    assertThat(worse.message()).startsWith("blocked").contains("0.8000").contains("0.8500");
  }

  @Test
  void theMinimumDeltaRaisesTheBar() {
    ChampionGate strict = ChampionGate.forMetric("AUC", 0.01);
    assertThat(strict.judge("c", 0.855, "p", 0.85).passed()).isFalse();
    assertThat(strict.judge("c", 0.861, "p", 0.85).passed()).isTrue();
  }

  @Test
  void theFirstVersionPassesAndSaysThereIsNoChampion() {
    ChampionGate.Verdict first = auc.judge("diabetes:1", 0.7, null, null);
    assertThat(first.passed()).isTrue();
    assertThat(first.message()).contains("no champion yet");
    assertThat(first.toJson()).containsEntry("champion", null).containsEntry("passed", true);
  }

  @Test
  void forErrorMetricsLowerIsBetter() {
    ChampionGate loss = ChampionGate.forMetric("log_loss", 0.0);
    assertThat(loss.judge("c", 0.30, "p", 0.35).passed()).isTrue();
    assertThat(loss.judge("c", 0.40, "p", 0.35).passed()).isFalse();
  }

  @Test
  void aNegativeOrNonFiniteMarginIsRefused() {
    assertThatThrownBy(() -> ChampionGate.forMetric("AUC", -0.1)).hasMessageContaining("min_delta");
    assertThatThrownBy(() -> ChampionGate.forMetric("AUC", Double.NaN)).hasMessageContaining("min_delta");
  }

  @Test
  void aNanScoreNeverPasses() {
    assertThat(auc.judge("c", Double.NaN, null, null).passed()).isFalse();
  }
}
