package org.mloop.serving.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.DataCollection;

class SamplerTest {
  @Test
  void zeroPercentTakesNothingAndAHundredTakesEverything() {
    assertThat(IntStream.range(0, 10_000).anyMatch(i -> Sampler.of(DataCollection.OFF).sample())).isFalse();
    assertThat(IntStream.range(0, 10_000).allMatch(i -> Sampler.of(DataCollection.ALL).sample())).isTrue();
    assertThat(Sampler.of(DataCollection.OFF).enabled()).isFalse();
    assertThat(Sampler.of(null).enabled()).isFalse();
  }

  @Test
  void aPercentageTakesAboutThatShareOfRequests() {
    Sampler sampler = Sampler.percent(30);
    long taken = IntStream.range(0, 100_000).filter(i -> sampler.sample()).count();
    // 30,000 expected; the standard deviation is about 145, so 1,000 either way never happens by chance
    assertThat(taken).isBetween(29_000L, 31_000L);
    assertThat(sampler.percent()).isEqualTo(30.0);
  }

  @Test
  void aPercentageOutsideZeroToAHundredIsRefused() {
    assertThatThrownBy(() -> Sampler.percent(150)).isInstanceOf(MloopException.class).hasMessageContaining("0 (off) to 100");
  }
}
