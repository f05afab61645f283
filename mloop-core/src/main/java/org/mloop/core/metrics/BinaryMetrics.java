package org.mloop.core.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Metrics of a binary classifier from true labels (0/1) and the predicted probability of class 1.
 * Predicted labels use a 0.5 threshold. AUC is the Mann-Whitney statistic with ties counted half,
 * the same figure as the area under the ROC curve that scikit-learn's roc_auc_score reports.
 */
public final class BinaryMetrics {
  public static final String ACCURACY = "Accuracy";
  public static final String AUC = "AUC";
  public static final String PRECISION = "Precision";
  public static final String RECALL = "Recall";

  private BinaryMetrics() {}

  /**
   * Every metric by name: Accuracy, AUC, Precision, Recall. An undefined precision (nothing predicted
   * positive) or recall (no positive rows) is 0 here, as scikit-learn reports it by default.
   */
  public static Map<String, Double> all(int[] labels, double[] probabilities) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(ACCURACY, accuracy(labels, probabilities));
    out.put(AUC, auc(labels, probabilities));
    out.put(PRECISION, orZero(() -> precision(labels, probabilities)));
    out.put(RECALL, orZero(() -> recall(labels, probabilities)));
    return out;
  }

  private static double orZero(DoubleSupplier metric) {
    try {
      return metric.getAsDouble();
    } catch (IllegalArgumentException e) {
      return 0.0;
    }
  }

  public static double accuracy(int[] labels, double[] probabilities) {
    check(labels, probabilities);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if ((probabilities[i] >= 0.5 ? 1 : 0) == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  /** True positives over predicted positives; undefined (IllegalArgumentException) when no row is predicted positive. */
  public static double precision(int[] labels, double[] probabilities) {
    check(labels, probabilities);
    int truePositive = 0;
    int predictedPositive = 0;
    for (int i = 0; i < labels.length; i++) {
      if (probabilities[i] >= 0.5) {
        predictedPositive++;
        truePositive += labels[i];
      }
    }
    if (predictedPositive == 0) {
      throw new IllegalArgumentException("precision is undefined: none of the " + labels.length
          + " rows is predicted positive");
    }
    return (double) truePositive / predictedPositive;
  }

  /** True positives over actual positives; undefined (IllegalArgumentException) when no row is positive. */
  public static double recall(int[] labels, double[] probabilities) {
    check(labels, probabilities);
    int truePositive = 0;
    int positive = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 1) {
        positive++;
        if (probabilities[i] >= 0.5) {
          truePositive++;
        }
      }
    }
    if (positive == 0) {
      throw new IllegalArgumentException("recall is undefined: none of the " + labels.length + " rows is positive");
    }
    return (double) truePositive / positive;
  }

  /** Area under the ROC curve; needs at least one row of each class. */
  public static double auc(int[] labels, double[] probabilities) {
    check(labels, probabilities);
    Integer[] order = new Integer[labels.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
    // Sum the (average) ranks of the positives; tied scores share the mean of their ranks.
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && probabilities[order[j + 1]] == probabilities[order[i]]) {
        j++;
      }
      double meanRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          positiveRankSum += meanRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("AUC needs both classes; the labels have " + positives + " positive and "
          + negatives + " negative rows");
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  private static void check(int[] labels, double[] probabilities) {
    if (labels.length != probabilities.length) {
      throw new IllegalArgumentException(labels.length + " labels but " + probabilities.length + " probabilities");
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("no rows to score");
    }
    for (int label : labels) {
      if (label != 0 && label != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, found " + label);
      }
    }
  }
}
