package diabetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The reference: scikit-learn's liblinear logistic regression reaches AUC 0.848 on the production data. */
class RealDataTrainingTest {

  @Test
  void logisticRegressionOnTheProductionDataReachesTheReferenceAuc() {
    Path prod = SharedData.file("diabetes/prod/diabetes-prod.csv");
    DiabetesData.Split split = DiabetesData.load(prod).split(Train.TRAIN_FRACTION, Train.SPLIT_SEED);

    Evaluation evaluation = Evaluation.of(LogisticRegression.train(split.train(), 0.01), split.test());

    System.out.printf("real prod: LR accuracy %.4f AUC %.4f%n", evaluation.accuracy(), evaluation.auc());
    assertThat(evaluation.rows()).isEqualTo(3_000);
    assertThat(evaluation.auc()).isGreaterThanOrEqualTo(0.84);
    assertThat(evaluation.accuracy()).isGreaterThan(0.74);
  }
}
