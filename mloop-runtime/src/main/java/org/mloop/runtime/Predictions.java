package org.mloop.runtime;

import java.util.List;

/**
 * What a predictor returns for a batch: the predicted label of each row and each row's class
 * probabilities, {@code probabilities[row][k]} being the probability of {@code classes.get(k)}.
 */
public record Predictions(List<String> classes, List<String> labels, double[][] probabilities) {
  public Predictions {
    classes = List.copyOf(classes);
    labels = List.copyOf(labels);
  }

  public int size() {
    return labels.size();
  }

  /** The probability of {@code className} for row {@code row}. */
  public double probability(int row, String className) {
    int k = classes.indexOf(className);
    if (k < 0) {
      throw new IllegalArgumentException("no class '" + className + "'; the classes are " + classes);
    }
    return probabilities[row][k];
  }

  /** Each row's probability of one class, e.g. the positive class for an ROC curve. */
  public double[] probabilities(String className) {
    double[] column = new double[size()];
    for (int i = 0; i < column.length; i++) {
      column[i] = probability(i, className);
    }
    return column;
  }
}
