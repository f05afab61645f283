package org.mloop.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.runtime.testing.ModelFolders;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class LinearLogisticPredictorTest {
  @TempDir Path dir;

  static final List<PatientRow> TRAIN = ModelFolders.patients(11, 2_000);

  @Test
  void logisticRegressionIsScoredFromItsWeightsAsTribuoScoresIt() throws Exception {
    Model<Label> trained = ModelFolders.logistic(TRAIN);
    Predictor predictor = ModelLoader.load(ModelFolders.write(dir, trained, TRAIN.subList(0, 3)));

    assertThat(predictor).isInstanceOf(LinearLogisticPredictor.class);
    assertSameAsTribuo(trained, predictor, rows(5_000, 3));
  }

  @Test
  void moreThanTwoClassesAreNormalizedAsLibLinearDoes() throws Exception {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("three classes", factory), factory);
    for (PatientRow row : TRAIN) {
      double[] f = ModelFolders.features(row);
      String label = row.diabetic() == 0 ? "0" : f[7] > 40 ? "2" : "1"; // diabetic and older is a third class
      data.add(new ArrayExample<>(new Label(label), ModelFolders.FEATURES.clone(), f));
    }
    Model<Label> trained = new LibLinearClassificationTrainer(
        new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1, 1000, 1e-4, 1).train(data);
    Predictor predictor = ModelLoader.load(ModelFolders.write(dir, trained, TRAIN.subList(0, 3)));

    assertThat(predictor).isInstanceOf(LinearLogisticPredictor.class);
    assertThat(predictor.classes()).containsExactly("0", "1", "2");
    assertSameAsTribuo(trained, predictor, rows(3_000, 4));
  }

  @Test
  void otherModelsKeepTribuosPath() throws Exception {
    Predictor predictor = ModelLoader.load(ModelFolders.write(dir, ModelFolders.boosted(TRAIN), TRAIN.subList(0, 3)));

    assertThat(predictor).isInstanceOf(TribuoPredictor.class);
  }

  /** Synthetic patients, plus rows far outside the training range (saturated probabilities). */
  static double[][] rows(int count, long seed) {
    List<double[]> rows = new ArrayList<>();
    for (PatientRow p : ModelFolders.patients(seed, count)) {
      rows.add(ModelFolders.features(p));
    }
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      double[] row = new double[ModelFolders.FEATURES.length];
      for (int c = 0; c < row.length; c++) {
        row[c] = Math.rint((random.nextDouble() - 0.3) * 2_000);
      }
      rows.add(row);
    }
    return rows.toArray(double[][]::new);
  }

  static void assertSameAsTribuo(Model<Label> trained, Predictor predictor, double[][] rows) {
    List<org.tribuo.Example<Label>> examples = new ArrayList<>();
    for (double[] row : rows) {
      examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, ModelFolders.FEATURES.clone(), row.clone()));
    }
    List<Prediction<Label>> expected = trained.predict(examples);
    Predictions actual = predictor.predictRows(rows);

    assertThat(actual.size()).isEqualTo(rows.length);
    for (int i = 0; i < rows.length; i++) {
      Prediction<Label> p = expected.get(i);
      assertThat(actual.labels().get(i)).as("row %d", i).isEqualTo(p.getOutput().getLabel());
      for (String c : predictor.classes()) {
        assertThat(actual.probability(i, c)).as("row %d class %s", i, c)
            .isCloseTo(p.getOutputScores().get(c).getScore(), within(1e-9));
      }
    }
  }
}
