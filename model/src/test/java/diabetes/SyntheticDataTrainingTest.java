package diabetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;

/**
 * The synthetic data must behave like the real data for the models that matter: a linear model is
 * decent (AUC about 0.85) and trees are clearly better, because the label is non-linear.
 */
class SyntheticDataTrainingTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void logisticRegressionIsDecentAndTreesAreClearlyBetter(long seed) throws Exception {
    Path csv = dir.resolve("synthetic-" + seed + ".csv");
    new DiabetesSynthesizer(seed).write(csv, 10_000);
    DiabetesData.Split split = DiabetesData.load(csv).split(Train.TRAIN_FRACTION, Train.SPLIT_SEED);

    Evaluation linear = Evaluation.of(LogisticRegression.train(split.train(), 0.01), split.test());
    Model<Label> boosted = new XGBoostClassificationTrainer(100)
        .train(LogisticRegression.dataset(split.train(), "synthetic training split"));
    Evaluation trees = Evaluation.of(boosted, split.test());

    System.out.printf("synthetic seed %d: LR AUC %.4f, XGBoost AUC %.4f%n", seed, linear.auc(), trees.auc());
    assertThat(linear.auc()).isBetween(0.80, 0.90);
    assertThat(trees.auc()).isGreaterThanOrEqualTo(linear.auc() + 0.05);
  }
}
