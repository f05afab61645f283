package org.mloop.monitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DriftStatisticsTest {

  @Test
  void psiSumsShareDifferencesTimesTheirLogRatio() {
    // e = (0.5, 0.5), a = (0.25, 0.75):
    // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5) = 0.1732868 + 0.1013663 = 0.2746531
    assertThat(DriftStatistics.psi(new double[] {50, 50}, new double[] {25, 75})).isCloseTo(0.2746531, within(1e-6));
  }

  @Test
  void psiRaisesAnEmptyBinToEpsilonSoItStaysFinite() {
    // e = (1, 0 -> 1e-4), a = (0.5, 0.5):
    // (0.5 - 1) ln(0.5 / 1) + (0.5 - 1e-4) ln(0.5 / 1e-4) = 0.3465736 + 4.2577449 = 4.6043185
    assertThat(DriftStatistics.psi(new double[] {100, 0}, new double[] {50, 50})).isCloseTo(4.6043185, within(1e-6));
    assertThat(DriftStatistics.psi(new double[] {3, 7}, new double[] {30, 70})).isCloseTo(0, within(1e-12));
  }

  @Test
  void jensenShannonDistanceIsTheRootOfTheBase2Divergence() {
    // p = (0.5, 0.5), q = (1, 0), m = (0.75, 0.25)
    // KL(p||m) = 0.5 log2(0.5/0.75) + 0.5 log2(0.5/0.25) = 0.2075187; KL(q||m) = log2(1/0.75) = 0.4150375
    // JSD = (0.2075187 + 0.4150375) / 2 = 0.3112781; distance = sqrt(0.3112781) = 0.5579230
    assertThat(DriftStatistics.jensenShannon(new double[] {5, 5}, new double[] {8, 0})).isCloseTo(0.5579230, within(1e-6));
    assertThat(DriftStatistics.jensenShannon(new double[] {1, 0}, new double[] {0, 4})).isCloseTo(1.0, within(1e-12));
    assertThat(DriftStatistics.jensenShannon(new double[] {2, 6}, new double[] {1, 3})).isCloseTo(0.0, within(1e-7));
  }

  @Test
  void wassersteinIsTheAreaBetweenTheTwoCdfs() {
    // {0, 1} against {1, 2}: every unit of mass moves by 1
    assertThat(DriftStatistics.wasserstein(sample(0, 1), sample(1, 2))).isCloseTo(1.0, within(1e-12));
    // {1, 3} against {2}: |F1 - F2| is 0.5 on [1, 2) and 0.5 on [2, 3): area 1.0
    assertThat(DriftStatistics.wasserstein(sample(1, 3), sample(2))).isCloseTo(1.0, within(1e-12));
    // weights: {0: 1, 10: 1} against {0: 3, 10: 1}: F = 0.5 vs 0.75 on [0, 10): area 0.25 * 10 = 2.5
    Distribution even = new Distribution(new double[] {0, 10}, new double[] {1, 1});
    Distribution heavy = new Distribution(new double[] {0, 10}, new double[] {3, 1});
    assertThat(DriftStatistics.wasserstein(even, heavy)).isCloseTo(2.5, within(1e-12));
    assertThat(DriftStatistics.wasserstein(heavy, even)).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void normalizedWassersteinDividesByTheBaselinesPopulationStd() {
    // baseline {1, 3}: mean 2, population std 1; production {2}: W = 1 (above) -> 1 / 1
    assertThat(DriftStatistics.normalizedWasserstein(sample(1, 3), sample(2))).isCloseTo(1.0, within(1e-12));
    // baseline {0, 4}: std 2; production {1, 5}: W = 1 -> 0.5
    assertThat(DriftStatistics.normalizedWasserstein(sample(0, 4), sample(1, 5))).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void decilesOfOneToAHundredCutEveryTenValues() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i + 1;
    }
    Distribution d = Distribution.ofSample(values);
    double[] edges = DriftStatistics.decileEdges(d);
    assertThat(edges).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
    assertThat(DriftStatistics.binWeights(d, edges)).containsOnly(10.0);
    // a value equal to an edge belongs to the bin the edge closes
    assertThat(DriftStatistics.binWeights(sample(10, 10.5), edges)).startsWith(1.0, 1.0);
  }

  @Test
  void decilesOfALowCardinalityColumnCollapse() {
    // 60% zeros, 40% ones: every decile is 0 or 1; 1 is the maximum so only the edge 0 is left
    double[] values = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
    assertThat(DriftStatistics.decileEdges(Distribution.ofSample(values))).containsExactly(0);
  }

  @Test
  void ksPValueOfTwoSeparatedSamplesIsTwoOverTheNumberOfOrderings() {
    // D = 1; exact P(D >= 1) for n = m = 5 is 2 / C(10, 5) = 2 / 252 = 0.0079365
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {6, 7, 8, 9, 10};
    assertThat(DriftStatistics.ksPValue(x, y)).isCloseTo(2.0 / 252, within(1e-9));
    assertThat(x).containsExactly(1, 2, 3, 4, 5);
    assertThat(DriftStatistics.ksPValue(new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, 3, 4, 5})).isEqualTo(1.0);
  }

  @Test
  void chiSquaredOfATwoByTwoTable() {
    // table (10, 20 / 20, 10): expected 15 everywhere; chi2 = 4 * 5^2 / 15 = 6.6667 with 1 degree of freedom:
    // p = erfc(sqrt(6.6667 / 2)) = 0.0098233
    assertThat(DriftStatistics.chiSquaredPValue(new long[] {10, 20}, new long[] {20, 10})).isCloseTo(0.0098233,
        within(1e-6));
    // a category empty on both sides is left out; one category left cannot differ
    assertThat(DriftStatistics.chiSquaredPValue(new long[] {10, 0}, new long[] {7, 0})).isEqualTo(1.0);
    assertThat(DriftStatistics.chiSquaredPValue(new long[] {10, 20, 0}, new long[] {20, 10, 0})).isCloseTo(0.0098233,
        within(1e-6));
  }

  private static Distribution sample(double... values) {
    return Distribution.ofSample(values);
  }
}
