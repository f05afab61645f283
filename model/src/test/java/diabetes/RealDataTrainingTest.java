package diabetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The references on the production data (70/30 split): scikit-learn's liblinear logistic regression
 * reaches AUC 0.848, its histogram gradient boosting 0.988; the issue asks for 0.97 from boosted trees.
 */
class RealDataTrainingTest {
  @TempDir
  Path dir;

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

  @Test
  void gradientBoostingOnTheProductionDataReachesAuc097AndItsFolderReproducesIt() throws Exception {
    Path prod = SharedData.file("diabetes/prod/diabetes-prod.csv");
    DiabetesData.Split split = DiabetesData.load(prod).split(Train.TRAIN_FRACTION, Train.SPLIT_SEED);

    Evaluation evaluation = ModelFolderTest.trainAndWrite(ModelKind.GRADIENT_BOOSTING, split, dir);

    System.out.printf("real prod: GBM accuracy %.4f AUC %.4f%n", evaluation.accuracy(), evaluation.auc());
    assertThat(evaluation.auc()).isGreaterThanOrEqualTo(0.97);
    ModelFolderTest.assertReproduces(dir, split.test(), evaluation);
  }

  @Test
  void theLogisticRegressionFolderReproducesTheProductionTestSplit() throws Exception {
    Path prod = SharedData.file("diabetes/prod/diabetes-prod.csv");
    DiabetesData.Split split = DiabetesData.load(prod).split(Train.TRAIN_FRACTION, Train.SPLIT_SEED);

    Evaluation evaluation = ModelFolderTest.trainAndWrite(ModelKind.LOGISTIC_REGRESSION, split, dir);

    ModelFolderTest.assertReproduces(dir, split.test(), evaluation);
  }
}
