package org.mloop.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

  @Test
  void aucCountsCorrectlyOrderedPairsWithTiesAsHalf() {
    // Positives 0.8, 0.4; negatives 0.4, 0.1. Pairs: (0.8>0.4) (0.8>0.1) (0.4=0.4 -> half) (0.4>0.1) = 3.5 / 4.
    int[] labels = {1, 1, 0, 0};
    double[] p = {0.8, 0.4, 0.4, 0.1};
    assertThat(BinaryMetrics.auc(labels, p)).isCloseTo(0.875, within(1e-12));
  }

  @Test
  void aucIsOneForAPerfectRankingAndZeroForAnInvertedOne() {
    assertThat(BinaryMetrics.auc(new int[] {0, 0, 1}, new double[] {0.1, 0.2, 0.9})).isEqualTo(1.0);
    assertThat(BinaryMetrics.auc(new int[] {1, 1, 0}, new double[] {0.1, 0.2, 0.9})).isEqualTo(0.0);
  }

  @Test
  void thresholdMetricsUseOneHalf() {
    int[] labels = {1, 0, 1, 0, 1};
    double[] p = {0.9, 0.6, 0.5, 0.2, 0.1};
    // Predicted: 1 1 1 0 0 -> TP 2, FP 1, FN 1, TN 1.
    assertThat(BinaryMetrics.accuracy(labels, p)).isCloseTo(0.6, within(1e-12));
    assertThat(BinaryMetrics.precision(labels, p)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(BinaryMetrics.recall(labels, p)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(BinaryMetrics.all(labels, p)).containsOnlyKeys("Accuracy", "AUC", "Precision", "Recall");
  }

  @Test
  void aucWithOneClassOnlyIsRefusedWithTheCounts() {
    assertThatThrownBy(() -> BinaryMetrics.auc(new int[] {1, 1}, new double[] {0.3, 0.4}))
        .hasMessageContaining("2 positive and 0 negative");
  }

  @Test
  void precisionWithoutPredictedPositivesAndRecallWithoutPositivesAreUndefinedButZeroInTheSummary() {
    int[] labels = {0, 1, 0};
    double[] allNegative = {0.1, 0.2, 0.3};
    assertThatThrownBy(() -> BinaryMetrics.precision(labels, allNegative)).hasMessageContaining("precision is undefined");
    assertThatThrownBy(() -> BinaryMetrics.recall(new int[] {0, 0}, new double[] {0.9, 0.1}))
        .hasMessageContaining("recall is undefined");
    assertThat(BinaryMetrics.all(labels, allNegative)).containsEntry("Precision", 0.0).containsEntry("Recall", 0.0);
  }
}
