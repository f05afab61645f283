package diabetes;

import java.util.List;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/**
 * Accuracy, ROC AUC and the ROC curve of a model on held-out rows, with "1" (diabetic) as the positive
 * class, and the predictions they came from: each row's predicted label and probability of "1".
 */
public record Evaluation(double accuracy, double auc, double[] falsePositiveRate, double[] truePositiveRate, int rows,
    String[] predictedLabels, double[] scores) {

  public static Evaluation of(Model<Label> model, DiabetesData test) {
    List<Prediction<Label>> predictions = model.predict(LogisticRegression.dataset(test, "diabetes test split"));
    boolean[] positive = new boolean[predictions.size()];
    double[] scores = new double[predictions.size()];
    String[] predicted = new String[predictions.size()];
    int correct = 0;
    for (int i = 0; i < predictions.size(); i++) {
      Prediction<Label> prediction = predictions.get(i);
      positive[i] = test.labels()[i] == 1;
      Label score = prediction.getOutputScores().get(LogisticRegression.POSITIVE);
      scores[i] = score == null ? 0 : score.getScore();
      predicted[i] = prediction.getOutput().getLabel();
      boolean predictedPositive = predicted[i].equals(LogisticRegression.POSITIVE);
      correct += predictedPositive == positive[i] ? 1 : 0;
    }
    LabelEvaluationUtil.ROC roc = LabelEvaluationUtil.generateROCCurve(positive, scores);
    return new Evaluation((double) correct / predictions.size(), LabelEvaluationUtil.binaryAUCROC(positive, scores),
        roc.fpr, roc.tpr, predictions.size(), predicted, scores);
  }
}
