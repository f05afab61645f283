package org.mloop.monitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NumericSketchTest {

  @Test
  void countsEveryValueExactlyUpToItsCapOfDistinctValues() {
    NumericSketch sketch = new NumericSketch(4, 0, 10, 100);
    for (double v : new double[] {3, 1, 3, -0.0, 0.0, 7, 3}) {
      sketch.add(v);
    }
    Distribution d = sketch.distribution();
    assertThat(sketch.exact()).isTrue();
    assertThat(d.size()).isEqualTo(4);
    assertThat(new double[] {d.value(0), d.value(1), d.value(2), d.value(3)}).containsExactly(0, 1, 3, 7);
    assertThat(new double[] {d.weight(0), d.weight(1), d.weight(2), d.weight(3)}).containsExactly(2, 1, 3, 1);
    assertThat(sketch.count()).isEqualTo(7);
  }

  @Test
  void fallsBackToAHistogramWhoseWassersteinErrorIsAtMostHalfABin() {
    // range [-50, 150), 2000 bins of width 0.1: each value moves by at most 0.05
    NumericSketch sketch = new NumericSketch(16, -50, 150, 2000);
    Random random = new Random(7);
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 50 + 15 * random.nextGaussian();
      sketch.add(values[i]);
    }
    sketch.add(400); // above the range: kept at its exact value (its bucket's mean)
    sketch.add(-100); // below
    double[] all = java.util.Arrays.copyOf(values, values.length + 2);
    all[values.length] = 400;
    all[values.length + 1] = -100;
    assertThat(sketch.exact()).isFalse();
    assertThat(sketch.count()).isEqualTo(20_002);
    assertThat(sketch.min()).isEqualTo(-100);
    assertThat(sketch.max()).isEqualTo(400);
    Distribution exact = Distribution.ofSample(all);
    assertThat(DriftStatistics.wasserstein(exact, sketch.distribution())).isLessThanOrEqualTo(0.05);
    // against a shifted sample, the sketch gives the exact distance within the same bound
    double[] shifted = values.clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] += 5;
    }
    Distribution other = Distribution.ofSample(shifted);
    assertThat(DriftStatistics.wasserstein(other, sketch.distribution()))
        .isCloseTo(DriftStatistics.wasserstein(other, exact), within(0.05));
  }

  @Test
  void pinnedValuesAreCountedByValueAfterTheFallbackAndTakeNoRoomBefore() {
    NumericSketch sketch = new NumericSketch(3, 0, 10, 10, new double[] {0, 1});
    for (double v : new double[] {0, 1, 1, 2.25, 3.5, 4.75}) {
      sketch.add(v);
    }
    assertThat(sketch.exact()).as("three unpinned values fit the table of three").isTrue();
    sketch.add(0.3); // a fourth unpinned value: the fallback
    sketch.add(-0.0);
    assertThat(sketch.exact()).isFalse();
    Distribution pinned = sketch.pinned();
    assertThat(new double[] {pinned.weight(0), pinned.weight(1)}).containsExactly(2, 2);
    Distribution d = sketch.distribution();
    // 0.3 lands in bin [0, 1) whose midpoint 0.5 is no pinned value; 0 and 1 keep their place and count
    assertThat(d.weightAtMost(0)).isEqualTo(2);
    assertThat(d.weightAtMost(0.5)).isEqualTo(3);
    assertThat(d.weightAtMost(1)).isEqualTo(5);
    assertThat(d.total()).isEqualTo(8);
  }

  @Test
  void binnedPutsAnotherDistributionOnTheSketchGrid() {
    NumericSketch sketch = new NumericSketch(1, 0, 10, 10, new double[] {4});
    Distribution other = Distribution.ofSample(new double[] {-3, -1, 2.2, 2.9, 4, 50});
    Distribution binned = sketch.binned(other);
    // below the range: the bucket mean -2; 2.2 and 2.9 at the midpoint 2.5; pinned 4 as it is; above: 50
    assertThat(binned.size()).isEqualTo(4);
    assertThat(new double[] {binned.value(0), binned.value(1), binned.value(2), binned.value(3)})
        .containsExactly(-2, 2.5, 4, 50);
    assertThat(new double[] {binned.weight(0), binned.weight(1), binned.weight(2), binned.weight(3)})
        .containsExactly(2, 2, 1, 1);
  }

  @Test
  void aBaselineSketchRangeIgnoresAnOutlierAndPinsFewDistinctValues() {
    double[] base = new double[10_001];
    for (int i = 0; i < 10_000; i++) {
      base[i] = i % 100; // 0..99
    }
    base[10_000] = 99_999;
    NumericSketch sketch = NumericSketch.forBaseline(Distribution.ofSample(base), 2048, 100);
    assertThat(sketch.pinned().size()).isEqualTo(101);
    // range 0..99 widened by half of it on each side: [-49.5, 148.5), bins of 1.98, not of ~2,000
    for (int i = 0; i < 3000; i++) {
      sketch.add(100 + i * 0.01);
    }
    assertThat(sketch.exact()).isFalse();
    Distribution d = sketch.distribution();
    assertThat(d.max()).isLessThan(130.5);
    assertThat(NumericSketch.forBaseline(Distribution.ofSample(base), 100, 100).pinned().size())
        .as("more distinct values than the sketch's table: none pinned").isZero();
  }

  @Test
  void aReservoirKeepsEverythingUntilFullThenASampleOfFixedSize() {
    Reservoir r = new Reservoir(100, 1);
    for (int i = 0; i < 50; i++) {
      r.add(i);
    }
    assertThat(r.complete()).isTrue();
    assertThat(r.values()).hasSize(50).contains(0, 49);
    for (int i = 50; i < 100_000; i++) {
      r.add(i);
    }
    assertThat(r.complete()).isFalse();
    assertThat(r.values()).hasSize(100);
    // a uniform sample of 0..99,999 has a mean near 50,000 (std of the mean about 2,900)
    assertThat(java.util.Arrays.stream(r.values()).average().orElseThrow()).isBetween(40_000.0, 60_000.0);
    Reservoir again = new Reservoir(100, 1);
    for (int i = 0; i < 100_000; i++) {
      again.add(i);
    }
    assertThat(again.values()).containsExactly(r.values());
  }
}
