package org.mloop.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;
import org.mloop.core.data.AssetRef;

/** What a gate request defaults to and what it refuses before anything is scored, naming the field. */
class GateRequestTest {
  private static final AssetRef HOLDOUT = AssetRef.parse("mloop:holdout@latest");

  @Test
  void theChampionIsTheCandidatesProductionAliasAndTheMetricAucUnlessGiven() {
    GateRequest request = GateRequest.builder(ModelRef.parse("diabetes:7")).data(HOLDOUT).metric(" ").label("").build();

    assertThat(request.champion()).isEqualTo(ModelRef.parse("diabetes@production"));
    assertThat(request.metric()).isEqualTo("AUC");
    assertThat(request.label()).as("a blank label means the models' own").isNull();
    assertThat(request.rule()).isEqualTo(ChampionGate.forMetric("AUC", 0));
  }

  @Test
  void aChampionWithoutVersionOrAliasNoDataOrANegativeMarginIsRefusedNamingTheField() {
    GateRequest.Builder diabetes7 = GateRequest.builder(ModelRef.parse("diabetes:7")).data(HOLDOUT);

    assertThatThrownBy(() -> diabetes7.champion(ModelRef.parse("diabetes")).build())
        .isInstanceOf(MloopException.class).hasMessageContaining("champion").hasMessageContaining("diabetes@production");
    assertThatThrownBy(() -> GateRequest.builder(ModelRef.parse("diabetes:7")).build())
        .isInstanceOf(MloopException.class).hasMessageContaining("(data)");
    assertThatThrownBy(() -> GateRequest.builder(ModelRef.parse("diabetes:7")).data(HOLDOUT).minDelta(-0.1).build())
        .isInstanceOf(MloopException.class).hasMessageContaining("min_delta");
  }

  @Test
  void aLossMetricIsJudgedLowerIsBetter() {
    GateRequest request = GateRequest.builder(ModelRef.parse("diabetes:7")).data(HOLDOUT).metric("log_loss").build();
    assertThat(request.rule().higherIsBetter()).isFalse();
  }
}
